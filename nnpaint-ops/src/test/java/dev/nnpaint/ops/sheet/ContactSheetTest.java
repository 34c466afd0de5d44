package dev.nnpaint.ops.sheet;

import dev.nnpaint.BadInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contact sheet's layout: cells on a grid with gaps, labels in the margins, rows copied out as RGB. */
class ContactSheetTest {

    private static ContactSheet sheet() {
        return new ContactSheet(30, 20, 4, "depth", List.of("1", "2", "3"), "seed", List.of("7", "8"));
    }

    @Test
    void cellsSitOnAGridWithTheGapBetweenThem() {
        ContactSheet s = sheet();
        assertThat(s.cellX(1) - s.cellX(0)).isEqualTo(34);
        assertThat(s.cellY(2) - s.cellY(1)).isEqualTo(24);
        assertThat(s.width()).isGreaterThan(s.cellX(1) + 30);
        assertThat(s.height()).isGreaterThan(s.cellY(2) + 20);
    }

    @Test
    void placedCellsReadBackAndTheGapsStayWhite() {
        ContactSheet s = sheet();
        byte[] cell = new byte[30 * 20 * 3];
        for (int p = 0; p < 30 * 20; p++) {
            cell[3 * p] = (byte) 200;
            cell[3 * p + 1] = (byte) p;
            cell[3 * p + 2] = 7;
        }
        s.placeCell(2, 1, cell);
        int x0 = s.cellX(1);
        int y0 = s.cellY(2);
        assertThat(s.pixel(x0, y0)).isEqualTo(0xC80007);
        assertThat(s.pixel(x0 + 29, y0 + 19)).isEqualTo(0xC80000 | ((19 * 30 + 29) & 0xFF) << 8 | 7);
        assertThat(s.pixel(x0 - 1, y0)).isEqualTo(0xFFFFFF);
        assertThat(s.pixel(x0, y0 - 1)).isEqualTo(0xFFFFFF);

        byte[] row = new byte[s.width() * 3];
        s.copyRows(y0, 1, row);
        assertThat(row[3 * x0] & 0xFF).isEqualTo(200);
        assertThat(row[3 * x0 + 2] & 0xFF).isEqualTo(7);
        assertThat(row[3 * (x0 - 1)] & 0xFF).isEqualTo(255);
    }

    @Test
    void labelsAreDrawnInTheMargins() {
        ContactSheet s = sheet();
        // Some dark text left of the first row and above the first column, none inside an empty cell.
        assertThat(darkPixels(s, 0, s.cellY(0), s.cellX(0), s.cellY(0) + 20)).isPositive();
        assertThat(darkPixels(s, s.cellX(0), 0, s.cellX(0) + 30, s.cellY(0))).isPositive();
        assertThat(darkPixels(s, s.cellX(0), s.cellY(0), s.cellX(0) + 30, s.cellY(0) + 20)).isZero();
    }

    @Test
    void refusesANegativeGapAndSheetsTooLargeToHold() {
        assertThatThrownBy(() -> new ContactSheet(8, 8, -1, "seed", List.of("1"), null, List.of()))
                .isInstanceOf(BadInputException.class).hasMessage("--gap must not be negative, got -1");
        List<String> many = java.util.Collections.nCopies(3000, "1");
        assertThatThrownBy(() -> new ContactSheet(100, 100, 0, "seed", many, "gain", many))
                .isInstanceOf(BadInputException.class).hasMessageContaining("more than the limit of 64 megapixels");
    }

    private static int darkPixels(ContactSheet s, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int c = s.pixel(x, y);
                if (((c >> 16) & 0xFF) + ((c >> 8) & 0xFF) + (c & 0xFF) < 3 * 160) {
                    n++;
                }
            }
        }
        return n;
    }
}
