package dev.rolegate.protocol;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The closed list of every IAM and STS action, as named on the wire (from the AWS SDK's service
 * models; {@code actions.txt}). An action that is not on it is unknown to AWS too.
 */
public final class ActionRegistry {
  private final Map<String, Service> actions;

  private ActionRegistry(Map<String, Service> actions) {
    this.actions = Collections.unmodifiableMap(actions);
  }

  public static ActionRegistry load() {
    Map<String, Service> out = new LinkedHashMap<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                ActionRegistry.class.getResourceAsStream("/dev/rolegate/protocol/actions.txt"),
                StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.trim().split(" ");
        out.put(parts[1], parts[0].equals("iam") ? Service.IAM : Service.STS);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ActionRegistry(out);
  }

  /** The service an action belongs to, or null when neither IAM nor STS has it. */
  public Service service(String action) {
    return actions.get(action);
  }

  public Map<String, Service> all() {
    return actions;
  }
}
