package dev.rolegate.federation.oidc;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The one HTTP GET the OIDC verification needs (discovery document, JWKS); an interface so tests
 * can count fetches.
 */
public interface OidcHttp {
  /** A response: its status and body (UTF-8). */
  record Response(int status, String body) {}

  /**
   * The TLS certificate chain of the host had no certificate with one of the provider's thumbprints
   * (or was not trusted at all).
   */
  final class UntrustedCertificate extends IOException {
    public UntrustedCertificate(String message) {
      super(message);
    }
  }

  /**
   * @throws IOException when the host cannot be reached, times out or answers too much
   */
  Response get(URI uri) throws IOException;

  /**
   * The same, for a provider with these certificate thumbprints (SHA-1, hex, any case): when the
   * list is not empty, an {@code https} host's certificate chain must contain a certificate whose
   * SHA-1 is one of them (the chain is then trusted whatever its CA, as AWS trusts a thumbprinted
   * self-signed IdP); when it is empty, the JDK's trust store decides.
   *
   * @throws UntrustedCertificate when the chain is not trusted that way
   */
  default Response get(URI uri, List<String> thumbprints) throws IOException {
    return get(uri);
  }

  /** The SHA-1 thumbprint of a certificate as IAM shows it: 40 lower-case hex digits. */
  static String thumbprint(X509Certificate cert) throws CertificateEncodingException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(cert.getEncoded()));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is always available", e);
    }
  }

  /**
   * Trusts a chain in which some certificate has one of the thumbprints; remembers that it refused
   * one.
   */
  final class PinningTrustManager implements X509TrustManager {
    private final List<String> thumbprints;
    volatile boolean refused;

    PinningTrustManager(List<String> thumbprints) {
      this.thumbprints = thumbprints.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      for (X509Certificate cert : chain) {
        if (thumbprints.contains(thumbprint(cert))) {
          return;
        }
      }
      refused = true;
      throw new CertificateException(
          "no certificate of the chain has one of the provider's thumbprints");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("not a server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  /**
   * The JDK's HTTP client: no redirects, the timeout for connecting and answering, bodies up to 1
   * MiB; the JDK's trust store, or thumbprint pinning for a provider with thumbprints (a client per
   * fetch then: keys are cached, fetches are rare). Host names are verified either way.
   */
  static OidcHttp jdk(Duration timeout) {
    HttpClient standard = client(timeout, null);
    return new OidcHttp() {
      @Override
      public Response get(URI uri) throws IOException {
        return fetch(standard, uri, timeout, null);
      }

      @Override
      public Response get(URI uri, List<String> thumbprints) throws IOException {
        if (thumbprints.isEmpty() || !"https".equals(uri.getScheme())) {
          return get(uri);
        }
        PinningTrustManager pins = new PinningTrustManager(thumbprints);
        return fetch(client(timeout, pins), uri, timeout, pins);
      }
    };
  }

  private static HttpClient client(Duration timeout, PinningTrustManager pins) {
    HttpClient.Builder b =
        HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER);
    if (pins != null) {
      try {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {pins}, null);
        b.sslContext(tls);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("TLS is always available", e);
      }
    }
    return b.build();
  }

  private static Response fetch(
      HttpClient client, URI uri, Duration timeout, PinningTrustManager pins) throws IOException {
    int max = 1 << 20;
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Accept", "application/json")
            .GET()
            .build();
    try {
      HttpResponse<InputStream> response =
          client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        byte[] body = in.readNBytes(max + 1);
        if (body.length > max) {
          throw new IOException(uri + " answered more than " + max + " bytes");
        }
        return new Response(response.statusCode(), new String(body, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      if (pins != null ? pins.refused : causedByCertificate(e)) {
        throw new UntrustedCertificate(
            uri.getHost() + " presented a certificate chain that is not trusted");
      }
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching " + uri, e);
    }
  }

  private static boolean causedByCertificate(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateException) {
        return true;
      }
    }
    return false;
  }
}
