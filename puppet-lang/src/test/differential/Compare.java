import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.puppetplane.lang.functions.DataFunctions;
import io.puppetplane.lang.spi.PuppetFunction;
import io.puppetplane.lang.time.RubyStrftime;
import io.puppetplane.lang.time.TimestampParser;
import io.puppetplane.lang.value.Timespan;
import io.puppetplane.lang.value.Timestamp;
import java.io.File;
import java.io.IOException;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/** Compares this library's answers with Ruby's for every generated input; prints mismatches, exits 1 if any. */
public class Compare {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    public static void main(String[] args) throws IOException {
        String dir = args[0];
        PuppetFunction toYaml = DataFunctions.lookup("to_yaml").orElseThrow();
        int bad = 0;
        bad += compare(dir, "strftime", c -> RubyStrftime.format(
            new Timestamp((Long) c.get(1), (int) (long) (Long) c.get(2)), (String) c.get(0), (String) c.get(3)));
        bad += compare(dir, "timespan", c -> new Timespan((Long) c.get(1)).format((String) c.get(0)));
        bad += compare(dir, "timestamp", c -> {
            Object f = c.get(1);
            @SuppressWarnings("unchecked")
            List<String> formats = f == null ? null : f instanceof String s ? List.of(s) : (List<String>) f;
            return TimestampParser.parse((String) c.get(0), formats, f instanceof List, (String) c.get(2),
                Clock.systemDefaultZone()).toString();
        });
        bad += compare(dir, "to_yaml", c -> (String) toYaml.call(Collections.singletonList(c.get(0))));
        System.exit(bad == 0 ? 0 : 1);
    }

    @SuppressWarnings("unchecked")
    private static int compare(String dir, String name, Function<List<Object>, String> ours) throws IOException {
        List<Object> cases = JSON.readValue(new File(dir, name + ".json"), List.class);
        List<String> ruby = JSON.readValue(new File(dir, name + ".ruby.json"), List.class);
        int bad = 0;
        for (int i = 0; i < cases.size(); i++) {
            Object c = cases.get(i);
            List<Object> input = name.equals("to_yaml") ? Collections.singletonList(c) : (List<Object>) c;
            String answer;
            try {
                answer = ours.apply(input);
            } catch (RuntimeException e) {
                answer = "ERR " + e.getMessage();
            }
            if (!answer.equals(ruby.get(i))) {
                if (++bad <= 10) {
                    System.out.println(name + " " + JSON.writeValueAsString(c) + "\n  ruby: "
                        + JSON.writeValueAsString(ruby.get(i)) + "\n  ours: " + JSON.writeValueAsString(answer));
                }
            }
        }
        System.out.println(name + ": " + bad + " mismatches of " + cases.size());
        return bad;
    }
}
