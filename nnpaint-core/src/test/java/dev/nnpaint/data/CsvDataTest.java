package dev.nnpaint.data;

import dev.nnpaint.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvDataTest {

    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        Path f = dir.resolve("data.csv");
        Files.writeString(f, content);
        return f;
    }

    @Test
    void theLabelColumnIsTheTargetAndTheOtherColumnsAreFeaturesInFileOrder() throws IOException {
        Dataset d = CsvData.read(file("a,label,b\n1.5,1,2\n-3,0,4e-1\n\n5,1,6\n"), "label", CsvData.Target.AUTO);
        assertThat(d.featureNames()).containsExactly("a", "b");
        assertThat(d.size()).isEqualTo(3);
        assertThat(d.features()).containsExactly(1.5f, 2f, -3f, 0.4f, 5f, 6f);
        assertThat(d.classNames()).containsExactly("0", "1");
        assertThat(d.targets()).containsExactly(1f, 0f, 1f);
    }

    @Test
    void textLabelsBecomeClassesInSortedOrderAndNumericLabelsSortByValue() throws IOException {
        Dataset text = CsvData.read(file("x,kind\n1,dog\n2,cat\n3,emu\n4,cat\n"), "kind", CsvData.Target.AUTO);
        assertThat(text.classNames()).containsExactly("cat", "dog", "emu");
        assertThat(text.targets()).containsExactly(1f, 0f, 2f, 0f);

        Dataset numbers = CsvData.read(file("x,c\n1,10\n2,2\n3,2.0\n"), "c", CsvData.Target.AUTO);
        assertThat(numbers.classNames()).containsExactly("2", "10");
        assertThat(numbers.targets()).containsExactly(1f, 0f, 0f);
    }

    @Test
    void realValuedLabelsMakeARegressionSet() throws IOException {
        Dataset d = CsvData.read(file("x,y\n1,0.25\n2,0.5\n3,0.75\n"), "y", CsvData.Target.AUTO);
        assertThat(d.isClassification()).isFalse();
        assertThat(d.targets()).containsExactly(0.25f, 0.5f, 0.75f);
    }

    @Test
    void quotedFieldsMayHoldCommas() throws IOException {
        Dataset d = CsvData.read(file("x,\"name\"\n1,\"a, b\"\n2,c\n"), "name", CsvData.Target.AUTO);
        assertThat(d.classNames()).containsExactly("a, b", "c");
    }

    @Test
    void everyProblemNamesTheFileAndLine() throws IOException {
        assertBad("x,y,label\n1,2,0\n3,oops,1\n", "line 3: column 'y' needs a number, got 'oops'");
        assertBad("x,y,label\n1,2,0\n3,,1\n", "line 3: column 'y' needs a number, got ''");
        assertBad("x,y,label\n1,2,0\n\n3,4\n", "line 4: 2 fields, but the header has 3");
        assertBad("", "the file is empty");
        assertBad("x,y,label\n", "has a header but no samples");
        assertBad("x,y,label\n1,2,a\n3,4,a\n", "has only one class (a)");
        assertBad("x,y,z\n1,2,0\n", "no column 'label'; the header has x, y, z");
        assertBad("x,x,label\n1,2,0\n", "line 1: column 'x' appears twice");
        assertBad("x,y,label\n1,2,\n3,4,1\n", "line 2: the label 'label' is empty");
        assertBad("label\n1\n0\n", "at least one feature column");
    }

    private void assertBad(String content, String message) throws IOException {
        Path f = file(content);
        assertThatThrownBy(() -> CsvData.read(f, "label", CsvData.Target.AUTO))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(message)
                .hasMessageStartingWith(f.toString());
    }

    @Test
    void aTestFileIsReadWithTheTrainingSetsColumnsAndClasses() throws IOException {
        Dataset train = CsvData.read(file("x1,x2,label\n1,2,b\n3,4,a\n"), "label", CsvData.Target.AUTO);
        Path test = dir.resolve("test.csv");
        Files.writeString(test, "label,x2,x1\na,20,10\n");
        Dataset t = CsvData.readLike(test, train);
        assertThat(t.featureNames()).containsExactly("x1", "x2");
        assertThat(t.features()).containsExactly(10f, 20f);
        assertThat(t.targets()).containsExactly(0f);

        Files.writeString(test, "x1,x2,label\n1,2,c\n");
        assertThatThrownBy(() -> CsvData.readLike(test, train)).hasMessageContaining("line 2: label 'c' is not one "
                + "of the training classes a, b");
        Files.writeString(test, "x1,label\n1,a\n");
        assertThatThrownBy(() -> CsvData.readLike(test, train)).hasMessageContaining("no column 'x2'");
    }

    @Test
    void featuresForPredictionAreMatchedByNameOrElseByPosition() throws IOException {
        assertThat(CsvData.readFeatures(file("y,id,x\n2,a,1\n4,b,3\n"), List.of("x", "y")))
                .containsExactly(1f, 2f, 3f, 4f);
        assertThat(CsvData.readFeatures(file("a,b\n1,2\n"), List.of("x", "y"))).containsExactly(1f, 2f);
        Path f = file("a,b,c\n1,2,3\n");
        assertThatThrownBy(() -> CsvData.readFeatures(f, List.of("x", "y"))).hasMessageContaining("no column x, y");
    }
}
