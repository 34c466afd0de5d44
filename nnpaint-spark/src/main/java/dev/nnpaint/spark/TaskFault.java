package dev.nnpaint.spark;

import java.io.Serializable;

/**
 * A test's way to make a task fail half-way through writing one of its files, to show that Spark's retry of the
 * task leaves complete, correct output. The jobs are given {@link #NONE} outside tests.
 */
@FunctionalInterface
public interface TaskFault extends Serializable {

    TaskFault NONE = (partition, attempt, item) -> { };

    /**
     * Called while item {@code item} (counted from 0 within the task) is half-written to its temporary file;
     * throwing fails the task.
     */
    void whileWriting(int partition, int attempt, int item);
}
