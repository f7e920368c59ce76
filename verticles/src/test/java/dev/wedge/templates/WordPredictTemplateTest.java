package dev.wedge.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The word-predict template (apps/templates/word-predict) as an http app on a node of each engine: the next words
 * of the embedded Brown-corpus model as JSON, completion of a typed prefix, the demo page, and refusals that leave
 * the app serving.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WordPredictTemplateTest {

    private TemplateNodes nodes;

    @BeforeAll
    void start(Vertx vertx) throws Exception {
        nodes = new TemplateNodes(vertx, """
                apps:
                  words: {module: {templates}word-predict/word-predict.wasm, routes: [/words]}
                """);
    }

    @AfterAll
    void stop() {
        nodes.close();
    }

    private JsonObject predict(String engine, String query) {
        var reply = nodes.get(engine, "words.test", "/words?" + query);
        JsonObject answer = reply.json(200);
        assertEquals("application/json", reply.header("content-type"));
        return answer;
    }

    private static List<String> words(JsonObject answer) {
        return answer.getJsonArray("predictions").stream().map(p -> ((JsonObject) p).getString("word")).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void theUnitedIsFollowedByStates(String engine) {
        JsonObject answer = predict(engine, "q=the+united");
        assertEquals(new JsonArray().add("the").add("united"), answer.getJsonArray("context"));
        assertEquals(List.of("states", "nations", "aircraft"), words(answer));
        JsonArray predictions = answer.getJsonArray("predictions");
        IntStream.range(1, 3).forEach(i -> assertTrue(predictions.getJsonObject(i - 1).getDouble("score")
                > predictions.getJsonObject(i).getDouble("score"), "scores fall: " + predictions));
        assertEquals(0.324706, predictions.getJsonObject(0).getDouble("score"), 1e-6, "states' share after 'the united'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void onlyTheLastTwoWordsOfTheSentenceCount(String engine) {
        assertEquals(List.of("not", "the", "it"), words(predict(engine, "q=Well%2C+I+DO")));
        assertEquals(predict(engine, "q=").getJsonArray("predictions"),
                predict(engine, "q=He+went+home.+").getJsonArray("predictions"), "a full stop starts a sentence");
        assertEquals(3, words(predict(engine, "q=zzyzx+qwerty")).size(), "unknown words still get guesses");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void aPrefixIsCompletedFromTheLikeliestWords(String engine) {
        List<String> words = words(predict(engine, "q=the+united&prefix=Na"));
        assertEquals("nations", words.get(0), words.toString());
        words.forEach(word -> assertTrue(word.startsWith("na"), word));
        assertEquals(List.of(), words(predict(engine, "q=the&prefix=zzzzq")), "no word starts so");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void withoutAQuestionItAnswersTheDemoPage(String engine) {
        var reply = nodes.get(engine, "words.test", "/words");
        String page = reply.body(200);
        assertEquals("text/html; charset=utf-8", reply.header("content-type"));
        assertTrue(page.contains("<label for=\"text\">") && page.contains("fetch('?q='"), page);
        assertTrue(!page.contains("http://") && !page.contains("https://"), "the page fetches nothing elsewhere");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void badRequestsAreRefusedAndTheAppKeepsServing(String engine) {
        var prefix = nodes.get(engine, "words.test", "/words?q=the&prefix=two+words");
        assertTrue(prefix.json(400).getString("error").startsWith("prefix must be"), prefix.body());
        var post = nodes.send(engine, HttpMethod.POST, "words.test", "/words?q=the", "x");
        assertEquals(405, post.status(), post.body());
        assertEquals("GET, HEAD", post.header("allow"));
        assertEquals(List.of("states", "nations", "aircraft"), words(predict(engine, "q=the+united")));
    }
}
