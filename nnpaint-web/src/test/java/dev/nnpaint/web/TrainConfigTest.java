package dev.nnpaint.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Encoding;
import dev.nnpaint.net.Init;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The train view's settings: features, regularisation, initialisation and seeds, old links, refusals. */
class TrainConfigTest {

    private static TrainConfig parse(String json) throws Exception {
        return TrainConfig.parse(Http.JSON.readTree(json), 1_000_000);
    }

    @Test
    void featuresComeInTheInputColumnsOrderAndMakeTheEncoding() throws Exception {
        TrainConfig c = parse("{\"features\": [\"y2\", \"x2\"], \"hidden\": []}");
        assertThat(c.features()).containsExactly("x2", "y2");
        assertThat(c.encoding()).isEqualTo(new Encoding.Features(List.of("x2", "y2")));
        assertThat(c.architecture(true).inputs()).isEqualTo(2);
        assertThat(parse("{}").encoding()).isEqualTo(Encoding.NONE);
        assertThat(parse("{\"features\": [\"sinx\", \"x\", \"xy\"]}").architecture(true).inputs()).isEqualTo(3);
    }

    @Test
    void anEmptyOrUnknownFeatureIsRefused() {
        assertThatThrownBy(() -> parse("{\"features\": []}")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("at least one input feature");
        assertThatThrownBy(() -> parse("{\"features\": [\"x3\"]}")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("\"x3\" is not one of x, y, x2, y2, xy, sinx, siny");
        assertThatThrownBy(() -> parse("{\"features\": \"x\"}")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("expected a list");
    }

    @Test
    void regularisationIsNoneL1OrL2WithARate() throws Exception {
        TrainConfig l1 = parse("{\"regularization\": \"l1\", \"regularizationRate\": 0.003}");
        assertThat(l1.l1()).isEqualTo(0.003);
        assertThat(l1.l2()).isZero();
        TrainConfig l2 = parse("{\"regularization\": \"L2\", \"regularizationRate\": 0.01}");
        assertThat(l2.l2()).isEqualTo(0.01);
        assertThat(l2.l1()).isZero();
        TrainConfig none = parse("{\"regularization\": \"none\", \"regularizationRate\": 0.01}");
        assertThat(none.l1() + none.l2()).isZero();
        assertThatThrownBy(() -> parse("{\"regularization\": \"l3\"}")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("expected none, l1 or l2");
        assertThatThrownBy(() -> parse("{\"regularizationRate\": 2}")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("from 0 to 1");
    }

    @Test
    void anOldLinksL2IsL2RegularisationAndItsSeedKeysTheDataToo() throws Exception {
        TrainConfig c = parse("{\"l2\": 0.001, \"seed\": 9}");
        assertThat(c.regularization()).isEqualTo(TrainConfig.Regularization.L2);
        assertThat(c.regularizationRate()).isEqualTo(0.001);
        assertThat(c.dataSeed()).isEqualTo(9);
        assertThat(parse("{\"l2\": 0}").regularization()).isEqualTo(TrainConfig.Regularization.NONE);
        assertThatThrownBy(() -> parse("{\"l2\": 0.001, \"regularization\": \"l1\"}"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("give one or the other");
        JsonNode written = c.toJson();
        assertThat(written.has("l2")).isFalse();
        assertThat(written.get("regularization").asText()).isEqualTo("l2");
    }

    @Test
    void theWeightsSeedAndTheDataSeedAreApart() throws Exception {
        TrainConfig c = parse("{\"seed\": 3, \"dataSeed\": 4}");
        assertThat(c.seed()).isEqualTo(3);
        assertThat(c.dataSeed()).isEqualTo(4);
        // a new initialisation keeps the samples: the data depend on the data seed alone
        TrainData a = new TrainData(c);
        TrainData b = new TrainData(parse("{\"seed\": 30, \"dataSeed\": 4}"));
        assertThat(b.train.feature(7, 0)).isEqualTo(a.train.feature(7, 0));
        assertThat(new TrainData(parse("{\"seed\": 3, \"dataSeed\": 5}")).train.feature(7, 0))
                .isNotEqualTo(a.train.feature(7, 0));
    }

    @Test
    void theInitialisationIsAutoOrNormalForWeightsAndBiases() throws Exception {
        TrainConfig auto = parse("{\"activation\": \"relu\"}");
        assertThat(auto.weightInit()).isEqualTo(Init.parse("he-normal"));
        assertThat(auto.biasInit()).isEqualTo(Init.parse("zero"));
        assertThat(parse("{\"activation\": \"tanh\"}").weightInit()).isEqualTo(Init.parse("xavier-normal"));
        TrainConfig article = parse("{\"init\": \"normal:0.1\"}");
        assertThat(article.weightInit()).isEqualTo(Init.normal(0.1));
        assertThat(article.biasInit()).isEqualTo(Init.normal(0.1));
        assertThat(article.toJson().get("init").asText()).isEqualTo("normal:0.1");
        assertThat(auto.toJson().get("init").asText()).isEqualTo("auto");
        for (String bad : new String[] {"\"he-normal\"", "\"normal:0\"", "\"normal:11\"", "\"normal:x\"", "3"}) {
            assertThatThrownBy(() -> parse("{\"init\": " + bad + "}")).as(bad).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("expected auto or normal:S");
        }
    }

    @Test
    void whatItWritesItReadsBack() throws Exception {
        TrainConfig c = parse("{\"data\": \"spiral\", \"classes\": 3, \"features\": [\"x\", \"sinx\"], "
                + "\"init\": \"normal:0.01\", \"regularization\": \"l1\", \"regularizationRate\": 0.03, "
                + "\"seed\": 11, \"dataSeed\": 12, \"hidden\": [5, 4], \"optimizer\": \"gd\"}");
        TrainConfig again = TrainConfig.parse(c.toJson(), 1_000_000);
        assertThat(again.toJson()).isEqualTo(c.toJson());
        assertThat(again.features()).containsExactly("x", "sinx");
    }
}
