package dev.nnpaint.ops.format;

import dev.nnpaint.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Files appear whole or not at all, and a failed write leaves nothing behind. */
class AtomicOutputTest {

    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aWrittenFileHasItsContentAndNoTemporaryFileRemains() throws Exception {
        Path target = dir.resolve("out.txt");
        AtomicOutput.writeString(target, "first");
        AtomicOutput.writeString(target, "second, longer");
        assertThat(Files.readString(target)).isEqualTo("second, longer");
        assertThat(names()).containsExactly("out.txt");
    }

    @Test
    void theTemporaryFileIsHiddenNextToTheTarget() throws Exception {
        Path target = dir.resolve("art.png");
        AtomicOutput.write(target, out -> {
            out.write(1);
            assertThat(names()).singleElement().asString().startsWith(".art.png.tmp-");
            assertThat(target).doesNotExist();
        });
        assertThat(names()).containsExactly("art.png");
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndRemovesItsTemporaryFile() throws Exception {
        Path target = dir.resolve("art.png");
        Files.writeString(target, "old picture");
        assertThatThrownBy(() -> AtomicOutput.write(target, out -> {
            out.write(new byte[100_000]);
            throw new IOException("No space left on device");
        })).isInstanceOf(BadInputException.class)
                .hasMessage("cannot write '" + target + "': No space left on device");
        assertThat(Files.readString(target)).isEqualTo("old picture");
        assertThat(names()).containsExactly("art.png");
    }

    @Test
    void aBugInTheWriterPropagatesAndLeavesNothing() throws Exception {
        Path target = dir.resolve("new.png");
        assertThatThrownBy(() -> AtomicOutput.write(target, out -> {
            out.write(7);
            throw new IllegalStateException("a bug");
        })).isInstanceOf(IllegalStateException.class).hasMessage("a bug");
        assertThat(names()).isEmpty();
    }

    @Test
    void unwritableTargetsAreRefusedUpFrontAndLeaveNoProbe() throws Exception {
        Path file = dir.resolve("file.txt");
        Files.writeString(file, "x");
        assertThatThrownBy(() -> AtomicOutput.checkWritable(dir.resolve("missing").resolve("a.png")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("missing").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> AtomicOutput.checkWritable(dir))
                .isInstanceOf(BadInputException.class).hasMessageContaining("it is a folder");
        assertThatThrownBy(() -> AtomicOutput.checkWritable(file.resolve("a.png")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("is not a folder");
        assertThatThrownBy(() -> AtomicOutput.writeString(dir.resolve("missing").resolve("a.txt"), "x"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("does not exist");
        AtomicOutput.checkWritable(dir.resolve("fine.png"));
        assertThat(names()).containsExactly("file.txt");
    }

    @Test
    void leftoversOfAKilledWriteAreRemovedAndNothingElse() throws IOException {
        Files.writeString(dir.resolve(".art.png.tmp-3fa9c01d"), "half an image");
        Files.writeString(dir.resolve(".hidden"), "someone's");
        Files.writeString(dir.resolve(".notes.tmp-draft"), "not ours: not hex");
        Files.writeString(dir.resolve("art.png"), "whole");
        AtomicOutput.removeTemporaries(dir);
        assertThat(names()).containsExactlyInAnyOrder(".hidden", ".notes.tmp-draft", "art.png");
    }

    @Test
    void aRerunRemovesTheTemporaryFileAKilledRunLeftOfTheSameTarget() throws Exception {
        // what SIGKILL leaves: no shutdown hook ran, and no process holds the file's lock any more
        Files.write(dir.resolve(".art.png.tmp-1a2b3c"), new byte[1000]);
        Files.write(dir.resolve(".other.png.tmp-1a2b3c"), new byte[10]);
        AtomicOutput.writeString(dir.resolve("art.png"), "new");
        assertThat(names()).containsExactly(".other.png.tmp-1a2b3c", "art.png");
    }

    @Test
    void aTemporaryThisProcessIsWritingIsNotTakenForALeftover() throws Exception {
        Path target = dir.resolve("art.png");
        AtomicOutput.write(target, out -> {
            out.write(1);
            AtomicOutput.removeTemporaries(dir);
            AtomicOutput.writeString(dir.resolve("other.png"), "meanwhile");
            assertThat(names()).hasSize(2).contains("other.png");
        });
        assertThat(names()).containsExactly("art.png", "other.png");
        assertThat(Files.readAllBytes(target)).containsExactly(1);
    }

    @Test
    void aFolderTemporaryIsClaimedAndALeftFolderOfTheSameTargetRemoved() throws Exception {
        Path stale = Files.createDirectory(dir.resolve(".frames.tmp-abc"));
        Files.write(stale.resolve("frame-0001.png"), new byte[10]);
        Path staleLocked = Files.createDirectory(dir.resolve(".frames.tmp-def"));
        Files.write(staleLocked.resolve(".lock"), new byte[0]);
        try (AtomicOutput.Pending pending = AtomicOutput.Pending.folder(dir.resolve("frames"))) {
            assertThat(pending.path().getFileName().toString()).startsWith(".frames.tmp-");
            assertThat(names()).containsExactly(pending.path().getFileName().toString());
            assertThat(AtomicOutput.abandoned(pending.path())).isFalse();
        }
        // closed: the lock file is gone, the folder stays for the caller to rename
        assertThat(names()).hasSize(1);
    }

    @Test
    void reasonsNameTheMissingFileOrTheMissingFolder() throws Exception {
        Path missingFile = dir.resolve("model.json");
        assertThat(AtomicOutput.reason(new java.nio.file.NoSuchFileException(missingFile.toString())))
                .isEqualTo("no such file");
        Path inMissingFolder = dir.resolve("nope/deeper/model.json");
        assertThat(AtomicOutput.reason(new java.nio.file.NoSuchFileException(inMissingFolder.toString())))
                .isEqualTo("folder '" + dir.resolve("nope") + "' does not exist");
        Path binary = Files.write(dir.resolve("bin.json"), new byte[] {0, (byte) 0xff, (byte) 0xfe, 1});
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> Files.readString(binary));
        assertThat(AtomicOutput.reason(e)).isEqualTo("it is not UTF-8 text (a binary file?)");
    }
}
