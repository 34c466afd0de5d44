package dev.nnpaint.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jobs' tests again, writing to a real HDFS: a NameNode and a DataNode started in this JVM, reached by the
 * jobs through its hdfs:// URI as a cluster would. HDFS shows a file while it is being written and renames
 * atomically, so what is tested is the temporary-file protocol on a file system other than the local one.
 */
class HdfsJobsTest extends SparkJobsTest {

    private static MiniDFSCluster hdfs;
    private static Path base;

    private String testName;

    @BeforeAll
    static void startHdfs() throws IOException {
        base = Files.createTempDirectory("nnpaint-hdfs-");
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
        hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        hdfs.waitActive();
    }

    @AfterAll
    static void stopHdfs() throws IOException {
        if (hdfs != null) {
            hdfs.shutdown(true);
        }
        if (!Files.exists(base)) {
            return;
        }
        try (var all = Files.walk(base)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @BeforeEach
    void name(TestInfo info) {
        testName = info.getTestMethod().orElseThrow().getName();
    }

    @Override
    OutputFolder folder(String name) {
        return OutputFolder.of(hdfs.getURI() + "/" + testName + "/" + name, new Configuration());
    }

    @Test
    void hdfsFolderIsReachedThroughItsUri() {
        OutputFolder out = folder("x");
        assertThat(out.uri()).startsWith("hdfs://");
        assertThat(out.atomicRename()).isTrue();
        assertThat(out.fs().getScheme()).isEqualTo("hdfs");
    }
}
