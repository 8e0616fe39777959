package dev.rolegate.core.sts;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The one HTTP GET the OIDC verification needs (discovery document, JWKS); an interface so tests can count fetches. */
@FunctionalInterface
public interface OidcHttp {
  /** A response: its status and body (UTF-8). */
  record Response(int status, String body) {}

  /** @throws IOException when the host cannot be reached, times out or answers too much */
  Response get(URI uri) throws IOException;

  /** The JDK's HTTP client: no redirects, the timeout for connecting and answering, bodies up to 1 MiB. */
  static OidcHttp jdk(Duration timeout) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    int max = 1 << 20;
    return uri -> {
      HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build();
      try {
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
          byte[] body = in.readNBytes(max + 1);
          if (body.length > max) {
            throw new IOException(uri + " answered more than " + max + " bytes");
          }
          return new Response(response.statusCode(), new String(body, StandardCharsets.UTF_8));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while fetching " + uri, e);
      }
    };
  }
}
