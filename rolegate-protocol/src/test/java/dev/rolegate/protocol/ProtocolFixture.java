package dev.rolegate.protocol;

import dev.rolegate.core.auth.AuthorizationMessages;
import dev.rolegate.core.iam.AccountViewService;
import dev.rolegate.core.iam.AuthorizationDetailsService;
import dev.rolegate.core.iam.BoundaryService;
import dev.rolegate.core.iam.GroupService;
import dev.rolegate.core.iam.IamContext;
import dev.rolegate.core.iam.InstanceProfileService;
import dev.rolegate.core.iam.LoginProfileService;
import dev.rolegate.core.iam.MfaService;
import dev.rolegate.core.iam.OidcProviderService;
import dev.rolegate.core.iam.PolicyService;
import dev.rolegate.core.iam.PolicyVersionService;
import dev.rolegate.core.iam.RoleService;
import dev.rolegate.core.iam.SamlProviderService;
import dev.rolegate.core.iam.ServiceLinkedRoleService;
import dev.rolegate.core.iam.SimulationService;
import dev.rolegate.core.iam.TagService;
import dev.rolegate.core.iam.UserService;
import dev.rolegate.core.sts.OutboundFederation;
import dev.rolegate.core.sts.SamlFederationService;
import dev.rolegate.core.sts.StsService;
import dev.rolegate.core.sts.WebIdentityService;
import dev.rolegate.core.testing.TestIam;
import dev.rolegate.federation.oidc.OidcKeys;
import dev.rolegate.federation.oidc.WebIdentityTokens;
import dev.rolegate.federation.outbound.JwtTokenSigner;
import dev.rolegate.federation.saml.SamlResponses;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * A {@link QueryHandler} wired as {@code Rolegate} wires it (with rolegate-federation's verifiers
 * and signer), over {@link TestIam}'s in-memory store and clock (no server, no HTTP), and requests
 * signed by the AWS SDK's own SigV4 signer at the fixture's clock.
 */
final class ProtocolFixture {
  final TestIam t = new TestIam();
  final QueryHandler handler;

  ProtocolFixture() {
    IamContext iam = t.iam;
    MfaService mfa = new MfaService(iam, t.master, t.random);
    SamlResponses saml = new SamlResponses();
    Services services =
        new Services(
            new RoleService(iam),
            new PolicyService(iam),
            new UserService(iam, t.master),
            new InstanceProfileService(iam),
            new StsService(
                iam,
                t.tokens,
                mfa::verifyTotp,
                new AuthorizationMessages(t.master, t.clock),
                TestIam.ACCOUNT),
            mfa,
            new GroupService(iam),
            new OidcProviderService(iam),
            new WebIdentityService(
                iam, t.tokens, new WebIdentityTokens(OidcKeys.standard(t.clock))),
            new PolicyVersionService(iam),
            new TagService(iam),
            new BoundaryService(iam),
            new ServiceLinkedRoleService(iam),
            new SimulationService(iam),
            new SamlProviderService(iam, saml),
            new SamlFederationService(iam, t.tokens, saml),
            new OutboundFederation(
                iam, t.master, new JwtTokenSigner(), () -> "http://127.0.0.1:4600"),
            new AccountViewService(iam),
            new AuthorizationDetailsService(iam),
            new LoginProfileService(iam, t.random));
    handler = new QueryHandler(ActionRegistry.load(), services, t.credentials(), t.ids, t.clock);
  }

  /** Credentials to sign with: a long-term key, or temporary ones with their session token. */
  record Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {
    static Credentials of(TestIam.Key key) {
      return new Credentials(key.accessKeyId(), key.secretAccessKey(), null);
    }

    @Override
    public String toString() {
      return "Credentials[" + accessKeyId + "]";
    }
  }

  /** What came back: status, content type, body, and the request id the handler gave it. */
  record Answer(int status, String contentType, String body, String requestId) {}

  /**
   * POSTs the form (name, value, name, value...) to {@code /}, signed for {@code service} (iam or
   * sts) in us-east-1 with {@code creds} (null: unsigned), with extra headers given as "Name:
   * value".
   */
  Answer post(String service, Credentials creds, List<String> headers, String... form) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < form.length; i += 2) {
      if (body.length() > 0) {
        body.append('&');
      }
      body.append(Node.urlEncode(form[i])).append('=').append(Node.urlEncode(form[i + 1]));
    }
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    String host = service + ".amazonaws.com";
    SdkHttpRequest.Builder unsigned =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(URI.create("https://" + host + "/"))
            .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    for (String h : headers) {
      int colon = h.indexOf(':');
      unsigned.putHeader(h.substring(0, colon).strip(), h.substring(colon + 1).strip());
    }
    SdkHttpRequest request = unsigned.build();
    if (creds != null) {
      AwsCredentialsIdentity identity =
          creds.sessionToken() == null
              ? AwsCredentialsIdentity.create(creds.accessKeyId(), creds.secretAccessKey())
              : AwsSessionCredentialsIdentity.create(
                  creds.accessKeyId(), creds.secretAccessKey(), creds.sessionToken());
      request =
          AwsV4HttpSigner.create()
              .sign(
                  r ->
                      r.identity(identity)
                          .request(unsigned.build())
                          .payload(ContentStreamProvider.fromByteArray(bytes))
                          .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                          .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                          .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, t.clock))
              .request();
    }
    List<dev.rolegate.sigv4.Header> out = new ArrayList<>();
    out.add(new dev.rolegate.sigv4.Header("Host", host));
    for (Map.Entry<String, List<String>> h : request.headers().entrySet()) {
      if (!h.getKey().equalsIgnoreCase("Host")) {
        for (String v : h.getValue()) {
          out.add(new dev.rolegate.sigv4.Header(h.getKey(), v));
        }
      }
    }
    Responses.HttpAnswer a =
        handler.handle(new QueryHandler.Request("POST", "/", null, out, bytes, "192.0.2.10", true));
    return new Answer(
        a.status(), a.contentType(), new String(a.body(), StandardCharsets.UTF_8), a.requestId());
  }
}
