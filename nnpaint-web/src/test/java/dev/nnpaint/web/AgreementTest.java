package dev.nnpaint.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AgreementTest {

    @Test
    void aPixelsDifferenceIsItsLargestChannelDifference() {
        byte[] cpu = {10, 20, 30, 0, 0, 0, (byte) 255, (byte) 255, (byte) 255};
        // pixel 0 one level off in red, pixel 1 two in green, pixel 2 five in red; alpha is not compared
        byte[] gpu = {11, 20, 30, (byte) 255, 0, 2, 0, 7, (byte) 250, (byte) 255, (byte) 255, (byte) 255};
        Agreement a = Agreement.of(gpu, cpu);
        assertThat(a.pixels()).isEqualTo(3);
        assertThat(a.within1()).isEqualTo(1);
        assertThat(a.over2()).isEqualTo(1);   // pixel 2; pixel 1's two levels are not more than 2
        assertThat(a.maxDifference()).isEqualTo(5);
        assertThat(a.shareWithin1()).isEqualTo(1 / 3.0);
    }

    @Test
    void theTableHasARowPerComparisonWithItsFigures() {
        AgreementTable t = new AgreementTable();
        t.add("page", "{}", new Agreement(65536, 65511, 0, 1));
        t.add("export --html", "{\"tile\": true}", new Agreement(19200, 19200, 0, 0));
        String table = t.table();
        assertThat(table.lines()).hasSize(4);
        assertThat(table).contains("| page | `{}` | 65,536 | 99.962% | 1 | 0 |")
                .contains("| export --html | `{\"tile\": true}` | 19,200 | 100.000% | 0 | 0 |");
    }
}
