package dev.rolegate.tests;

import static dev.rolegate.tests.E2e.ACCOUNT;
import static dev.rolegate.tests.E2e.expectError;
import static dev.rolegate.tests.E2e.roleArn;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetSamlProviderResponse;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithSamlRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithSamlResponse;

/**
 * SAML federation end to end: an IdP made in the test (RSA key and self-signed certificate from
 * keytool, metadata, responses signed with Apache Santuario), the IAM SAML provider actions, and
 * AssumeRoleWithSAML through the AWS SDK for Java v2 with anonymous credentials, with the attacks a
 * SAML relying party must refuse.
 */
class SamlFederationTest extends ServerTest {
  static final String NAME = "MyIdP";
  static final String PROVIDER = "arn:aws:iam::" + ACCOUNT + ":saml-provider/" + NAME;
  static final String ROLE = roleArn("SamlRole");
  static final String ENTITY = "https://idp.example.com/saml/metadata";
  static final String DENIED = "Not authorized to perform sts:AssumeRoleWithSAML";

  static SamlIdp idp;
  static SamlIdp impostor;

  @BeforeAll
  static void start() throws Exception {
    idp = SamlIdp.create(ENTITY);
    impostor = idp.rotated(); // same entity id, another key
  }

  static String trust(String extraActions, String condition) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
        + PROVIDER
        + "\"},"
        + "\"Action\":[\"sts:AssumeRoleWithSAML\""
        + extraActions
        + "]"
        + (condition == null ? "" : ",\"Condition\":" + condition)
        + "}]}";
  }

  static void providerAndRole(String trust) throws Exception {
    String metadata = idp.metadata();
    assertThat(
            iam.createSAMLProvider(b -> b.name(NAME).samlMetadataDocument(metadata))
                .samlProviderArn())
        .isEqualTo(PROVIDER);
    iam.createRole(b -> b.roleName("SamlRole").assumeRolePolicyDocument(trust));
  }

  /** A response for ROLE through PROVIDER, session name "alice". */
  static SamlIdp.Response ok(SamlIdp signer) {
    return signer.response().role(ROLE, PROVIDER).sessionName("alice");
  }

  static AssumeRoleWithSamlResponse assume(String assertion) {
    return anonymous.assumeRoleWithSAML(
        b -> b.roleArn(ROLE).principalArn(PROVIDER).samlAssertion(assertion));
  }

  static void refused(String assertion, String code, int status, String message) {
    expectError(() -> assume(assertion), code, status, message);
  }

  static String nameQualifier() throws Exception {
    byte[] sha1 =
        MessageDigest.getInstance("SHA-1")
            .digest((ENTITY + ACCOUNT + "/" + NAME).getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder().encodeToString(sha1);
  }

  // ---------------------------------------------------------------- success

  @Test
  @SuppressWarnings(
      "deprecation") // packedPolicySize(): deprecated in the SDK, still in AWS's answer
  void aSignedResponseGivesCredentialsThatWorkAsTheAssumedRole() throws Exception {
    providerAndRole(trust("", null));
    AssumeRoleWithSamlResponse r = assume(ok(idp).base64());
    assertThat(r.assumedRoleUser().arn())
        .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/SamlRole/alice");
    assertThat(r.assumedRoleUser().assumedRoleId()).startsWith("AROA").endsWith(":alice");
    assertThat(r.subject()).isEqualTo("alice@example.com");
    assertThat(r.subjectType()).isEqualTo("persistent");
    assertThat(r.issuer()).isEqualTo(ENTITY);
    assertThat(r.audience()).isEqualTo("https://signin.aws.amazon.com/saml");
    assertThat(r.nameQualifier()).isEqualTo(nameQualifier());
    assertThat(r.packedPolicySize()).isNull();
    assertThat(r.sourceIdentity()).isNull();
    assertThat(r.credentials().accessKeyId()).startsWith("ASIA");
    assertThat(r.credentials().expiration())
        .isBetween(Instant.now().plusSeconds(3500), Instant.now().plusSeconds(3700));
    try (StsClient session = server.sts(TestServer.session(r.credentials()))) {
      assertThat(session.getCallerIdentity().arn())
          .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/SamlRole/alice");
    }
  }

  @Test
  void theAssertionAloneOrBothMayBeSignedAndTheRolePairMayComeInEitherOrder() throws Exception {
    providerAndRole(trust("", null));
    assertThat(assume(ok(idp).signing(false, true).base64()).assumedRoleUser().arn())
        .endsWith(":assumed-role/SamlRole/alice");
    assertThat(assume(ok(idp).signing(true, true).base64()).assumedRoleUser().arn())
        .endsWith(":assumed-role/SamlRole/alice");
    SamlIdp.Response reversed =
        idp.response().attribute(SamlIdp.ATTRS + "Role", PROVIDER + "," + ROLE).sessionName("bob");
    assertThat(assume(reversed.base64()).assumedRoleUser().arn())
        .endsWith(":assumed-role/SamlRole/bob");
    // a transient NameID: SubjectType without AWS's prefix; another format as it is
    SamlIdp.Response transientId = ok(idp);
    transientId.nameIdFormat = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient";
    assertThat(assume(transientId.base64()).subjectType()).isEqualTo("transient");
    SamlIdp.Response email = ok(idp);
    email.nameIdFormat = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";
    assertThat(assume(email.base64()).subjectType())
        .isEqualTo("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");
  }

  // ---------------------------------------------------------------- trust policy keys

  @Test
  void trustPolicyConditionsOnTheSamlKeysAllowAndDeny() throws Exception {
    String condition =
        "{\"StringEquals\":{"
            + "\"saml:aud\":\"https://signin.aws.amazon.com/saml\","
            + "\"saml:sub\":\"alice@example.com\","
            + "\"saml:sub_type\":\"persistent\","
            + "\"saml:iss\":\""
            + ENTITY
            + "\","
            + "\"saml:doc\":\""
            + ACCOUNT
            + "/"
            + NAME
            + "\","
            + "\"saml:namequalifier\":\""
            + nameQualifier()
            + "\","
            + "\"saml:edupersonprincipalname\":\"alice@example.edu\"}}";
    providerAndRole(trust("", condition));
    String eppn = "urn:oid:1.3.6.1.4.1.5923.1.1.1.6";
    assertThat(assume(ok(idp).attribute(eppn, "alice@example.edu").base64()).subject())
        .isEqualTo("alice@example.com");

    SamlIdp.Response bob = ok(idp).attribute(eppn, "alice@example.edu");
    bob.nameId = "bob@example.com";
    refused(bob.base64(), "AccessDenied", 403, DENIED);
    refused(ok(idp).attribute(eppn, "mallory@example.edu").base64(), "AccessDenied", 403, DENIED);
    refused(ok(idp).base64(), "AccessDenied", 403, DENIED); // the attribute is missing
    SamlIdp.Response regional = ok(idp).attribute(eppn, "alice@example.edu");
    regional.recipient =
        "https://us-east-2.signin.aws.amazon.com/saml"; // accepted, but saml:aud is then that URL
    refused(regional.base64(), "AccessDenied", 403, DENIED);

    // the name qualifier depends on the provider's name: the same IdP registered as another
    // provider does not match
    String other = "arn:aws:iam::" + ACCOUNT + ":saml-provider/Other";
    iam.createSAMLProvider(b -> b.name("Other").samlMetadataDocument(unchecked(idp::metadata)));
    iam.updateAssumeRolePolicy(
        b -> b.roleName("SamlRole").policyDocument(trust("", condition).replace(PROVIDER, other)));
    String viaOther =
        idp.response()
            .role(ROLE, other)
            .sessionName("alice")
            .attribute(eppn, "alice@example.edu")
            .base64();
    expectError(
        () ->
            anonymous.assumeRoleWithSAML(
                b -> b.roleArn(ROLE).principalArn(other).samlAssertion(viaOther)),
        "AccessDenied",
        403,
        DENIED);
  }

  interface Source {
    String get() throws Exception;
  }

  static String unchecked(Source s) {
    try {
      return s.get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------- signatures

  @Test
  void aResponseSignedWithAnotherKeyOrNotSignedIsRefused() throws Exception {
    providerAndRole(trust("", null));
    refused(ok(impostor).base64(), "InvalidIdentityToken", 400, "Response signature invalid");
    refused(
        ok(impostor).signing(false, true).base64(),
        "InvalidIdentityToken",
        400,
        "Response signature invalid");
    refused(
        ok(idp).signing(false, false).base64(),
        "InvalidIdentityToken",
        400,
        "Response signature invalid");
    // a good assertion signature does not excuse a bad one on the response around it
    SamlIdp.Response both = ok(idp).signing(false, true);
    Document doc = both.document();
    SamlIdp.sign(
        doc, doc.getDocumentElement(), both.responseId, impostor.key, impostor.certificate);
    refused(SamlIdp.encode(doc), "InvalidIdentityToken", 400, "Response signature invalid");
  }

  @Test
  void anAttributeChangedAfterSigningIsRefused() throws Exception {
    providerAndRole(trust("", null));
    for (boolean responseSigned : new boolean[] {true, false}) {
      Document doc = ok(idp).signing(responseSigned, !responseSigned).document();
      var values = doc.getElementsByTagNameNS(SamlIdp.ASSERTION, "AttributeValue");
      for (int i = 0; i < values.getLength(); i++) {
        if (values.item(i).getTextContent().equals("alice")) {
          values.item(i).setTextContent("admin");
        }
      }
      refused(SamlIdp.encode(doc), "InvalidIdentityToken", 400, "Response signature invalid");
    }
  }

  @Test
  void signatureWrappingIsRefused() throws Exception {
    providerAndRole(trust("", "{\"StringEquals\":{\"saml:sub\":\"alice@example.com\"}}"));

    // 1. a second, unsigned assertion (for mallory) next to the signed one
    SamlIdp.Response signed = ok(idp).signing(false, true);
    Document doc = signed.document();
    Element original = (Element) doc.getElementsByTagNameNS(SamlIdp.ASSERTION, "Assertion").item(0);
    Element evil = evilCopy(original);
    original.getParentNode().insertBefore(evil, original);
    refused(
        SamlIdp.encode(doc),
        "InvalidIdentityToken",
        400,
        "Invalid SAML response: the response must contain exactly one Assertion, it contains 2");

    // 2. the signed assertion moved into the Response's Extensions, an unsigned one in its place
    doc = signed.document();
    original = (Element) doc.getElementsByTagNameNS(SamlIdp.ASSERTION, "Assertion").item(0);
    Element extensions = doc.createElementNS(SamlIdp.PROTOCOL, "samlp:Extensions");
    doc.getDocumentElement()
        .insertBefore(extensions, doc.getDocumentElement().getFirstChild().getNextSibling());
    Element replacement = evilCopy(original);
    original.getParentNode().replaceChild(replacement, original);
    extensions.appendChild(original);
    refused(
        SamlIdp.encode(doc),
        "InvalidIdentityToken",
        400,
        "Invalid SAML response: the response must contain exactly one Assertion, it contains 2");

    // 3. the only assertion, changed, carrying a valid signature over the Response... from inside
    // the assertion
    SamlIdp.Response unsigned = ok(idp).signing(false, false);
    unsigned.nameId = "mallory@example.com";
    doc = unsigned.document();
    Element assertion =
        (Element) doc.getElementsByTagNameNS(SamlIdp.ASSERTION, "Assertion").item(0);
    SamlIdp.sign(doc, assertion, unsigned.responseId, idp.key, idp.certificate);
    refused(SamlIdp.encode(doc), "InvalidIdentityToken", 400, "Response signature invalid");

    // 4. an element of the assertion given the Response's ID does not become what the signature
    // covers
    doc = ok(idp).signing(true, false).document();
    Element nameId = (Element) doc.getElementsByTagNameNS(SamlIdp.ASSERTION, "NameID").item(0);
    nameId.setTextContent("mallory@example.com");
    nameId.setAttributeNS(null, "ID", doc.getDocumentElement().getAttribute("ID"));
    refused(SamlIdp.encode(doc), "InvalidIdentityToken", 400, "Response signature invalid");

    // the untouched responses still work
    assertThat(assume(signed.base64()).subject()).isEqualTo("alice@example.com");
  }

  @Test
  void brokenSignaturesAndStructuresAreInvalidTokensNeverServerErrors() throws Exception {
    providerAndRole(trust("", null));
    String dsig = "http://www.w3.org/2000/09/xmldsig#";
    java.util.List<java.util.function.Consumer<Document>> breakages =
        java.util.List.of(
            d -> remove(d.getElementsByTagNameNS(dsig, "SignatureValue").item(0)),
            d -> remove(d.getElementsByTagNameNS(dsig, "SignedInfo").item(0)),
            d ->
                ((Element) d.getElementsByTagNameNS(dsig, "Reference").item(0))
                    .setAttribute("URI", ""),
            d ->
                ((Element) d.getElementsByTagNameNS(dsig, "Reference").item(0))
                    .removeAttribute("URI"),
            d ->
                ((Element) d.getElementsByTagNameNS(dsig, "Transform").item(1))
                    .setAttribute("Algorithm", "http://www.w3.org/TR/1999/REC-xslt-19991116"),
            d ->
                ((Element) d.getElementsByTagNameNS(dsig, "SignatureMethod").item(0))
                    .setAttribute("Algorithm", "urn:no-such-algorithm"),
            d ->
                d.getDocumentElement()
                    .appendChild(
                        d.getElementsByTagNameNS(dsig, "Signature").item(0).cloneNode(true)));
    for (var breakage : breakages) {
      Document doc = ok(idp).document();
      breakage.accept(doc);
      refused(SamlIdp.encode(doc), "InvalidIdentityToken", 400, "Response signature invalid");
    }
    Document noId = ok(idp).signing(false, true).document();
    noId.getDocumentElement().removeAttribute("ID");
    refused(
        SamlIdp.encode(noId),
        "InvalidIdentityToken",
        400,
        "Invalid SAML response: the Response and the Assertion must have distinct ID attributes");
    Document encrypted = ok(idp).document();
    encrypted
        .getDocumentElement()
        .appendChild(encrypted.createElementNS(SamlIdp.ASSERTION, "saml:EncryptedAssertion"));
    refused(
        SamlIdp.encode(encrypted),
        "InvalidIdentityToken",
        400,
        "Invalid SAML response: encrypted assertions are not supported");
    refused(
        SamlIdp.encode("<samlp:LogoutResponse xmlns:samlp=\"" + SamlIdp.PROTOCOL + "\"/>"),
        "InvalidIdentityToken",
        400,
        "Invalid SAML response: the root element is not a SAML 2.0 protocol Response");
  }

  private static void remove(org.w3c.dom.Node n) {
    n.getParentNode().removeChild(n);
  }

  /** A copy of the assertion for mallory, with another ID and without its signature. */
  private static Element evilCopy(Element assertion) {
    return SamlIdp.evilCopy(assertion, "_evil");
  }

  @Test
  void doctypesAndExternalEntitiesAreRefusedWithoutFetchingAnything() throws Exception {
    providerAndRole(trust("", null));
    AtomicInteger fetched = new AtomicInteger();
    HttpServer evil =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    evil.createContext(
        "/",
        x -> {
          fetched.incrementAndGet();
          x.sendResponseHeaders(200, -1);
          x.close();
        });
    evil.start();
    try {
      String url = "http://127.0.0.1:" + evil.getAddress().getPort() + "/entity";
      String xml = SamlIdp.serialize(ok(idp).document()).replaceFirst("^<\\?xml[^>]*\\?>", "");
      String external =
          "<!DOCTYPE samlp:Response [<!ENTITY x SYSTEM \""
              + url
              + "\">]>"
              + xml.replace("alice@example.com", "&x;");
      refused(
          SamlIdp.encode(external),
          "InvalidIdentityToken",
          400,
          "Invalid SAML response: document type declarations (DOCTYPE) are not allowed");
      String laughs =
          "<!DOCTYPE samlp:Response [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
              + xml.replace("alice@example.com", "&b;");
      refused(
          SamlIdp.encode(laughs),
          "InvalidIdentityToken",
          400,
          "Invalid SAML response: document type declarations (DOCTYPE) are not allowed");
      String dtd = "<!DOCTYPE samlp:Response SYSTEM \"" + url + "\">" + xml;
      refused(
          SamlIdp.encode(dtd),
          "InvalidIdentityToken",
          400,
          "Invalid SAML response: document type declarations (DOCTYPE) are not allowed");
      assertThat(fetched.get()).isZero();
    } finally {
      evil.stop(0);
    }
    refused(
        "not base64!",
        "InvalidIdentityToken",
        400,
        "Invalid SAML response: SAMLAssertion is not base64");
    refused(
        SamlIdp.encode("<samlp:Response"),
        "InvalidIdentityToken",
        400,
        "Invalid SAML response: not well-formed XML (line 1, column 16)");
  }

  // ---------------------------------------------------------------- conditions and attributes

  @Test
  void expiredAndNotYetValidAssertionsAreRefused() throws Exception {
    providerAndRole(trust("", null));
    SamlIdp.Response expired = ok(idp);
    expired.notBefore = Instant.now().minusSeconds(900);
    expired.notOnOrAfter = Instant.now().minusSeconds(600);
    refused(
        expired.base64(),
        "ExpiredTokenException",
        400,
        "The SAML assertion has expired (Conditions NotOnOrAfter " + expired.notOnOrAfter + ")");
    SamlIdp.Response early = ok(idp);
    early.notBefore = Instant.now().plusSeconds(600);
    refused(
        early.base64(),
        "InvalidIdentityToken",
        400,
        "Invalid SAML response: the assertion is not yet valid (Conditions NotBefore "
            + early.notBefore
            + ")");
  }

  @Test
  void theServersClockDecidesExpiry() throws Exception {
    providerAndRole(trust("", null));
    SamlIdp.Response response = ok(idp); // NotOnOrAfter in 300 s, by the real clock
    String valid = response.base64();
    Instant notOnOrAfter = response.notOnOrAfter;
    advanceClock(600);
    try {
      refused(
          valid,
          "ExpiredTokenException",
          400,
          "The SAML assertion has expired (Conditions NotOnOrAfter " + notOnOrAfter + ")");
    } finally {
      advanceClock(-600);
    }
    assertThat(assume(valid).subject()).isEqualTo("alice@example.com");
    SamlIdp.Response ended = ok(idp);
    ended.sessionNotOnOrAfter =
        Instant.now().minusSeconds(5).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    refused(
        ended.base64(),
        "ExpiredTokenException",
        400,
        "The SAML session has ended (AuthnStatement SessionNotOnOrAfter "
            + ended.sessionNotOnOrAfter
            + ")");
  }

  private static void advanceClock(long seconds) throws Exception {
    serverOffset = AdminRequests.advanceClock(server, seconds, serverOffset);
  }

  /**
   * How far the server's clock runs ahead of the real one (admin requests are signed at the
   * server's time).
   */
  private static long serverOffset;

  @Test
  void anIdpThatReportsAFailedAuthenticationIsRejected() throws Exception {
    providerAndRole(trust("", null));
    SamlIdp.Response failed = ok(idp);
    failed.status = "urn:oasis:names:tc:SAML:2.0:status:Requester";
    refused(
        failed.base64(),
        "IDPRejectedClaim",
        403,
        "The identity provider reported that authentication failed (StatusCode urn:oasis:names:tc:SAML:2.0:status:Requester)");
  }

  @Test
  void issuerAudienceAndRecipientAreChecked() throws Exception {
    providerAndRole(trust("", null));
    SamlIdp.Response issuer = ok(idp);
    issuer.issuer = "https://someone-else.example.com";
    refused(
        issuer.base64(), "InvalidIdentityToken", 400, "Issuer not present in specified provider");
    SamlIdp.Response audience = ok(idp);
    audience.audience = "https://sp.example.com";
    refused(
        audience.base64(),
        "InvalidIdentityToken",
        400,
        "Response does not contain the required audience.");
    SamlIdp.Response recipient = ok(idp);
    recipient.recipient = "https://sp.example.com/acs";
    refused(
        recipient.base64(),
        "InvalidIdentityToken",
        400,
        "Invalid SAML response: Recipient https://sp.example.com/acs is not an AWS sign-in endpoint");
    SamlIdp.Response signinAudience = ok(idp);
    signinAudience.audience = "https://signin.aws.amazon.com/saml";
    assertThat(assume(signinAudience.base64()).issuer()).isEqualTo(ENTITY);
  }

  @Test
  void theRolePairMustBeInTheAssertionAndTheProviderMustExist() throws Exception {
    providerAndRole(trust("", null));
    refused(
        idp.response().role(roleArn("OtherRole"), PROVIDER).sessionName("alice").base64(),
        "AccessDenied",
        403,
        DENIED);
    refused(idp.response().sessionName("alice").base64(), "AccessDenied", 403, DENIED);
    String ghost = "arn:aws:iam::" + ACCOUNT + ":saml-provider/Ghost";
    String forGhost = idp.response().role(ROLE, ghost).sessionName("alice").base64();
    expectError(
        () ->
            anonymous.assumeRoleWithSAML(
                b -> b.roleArn(ROLE).principalArn(ghost).samlAssertion(forGhost)),
        "InvalidIdentityToken",
        400,
        "Specified provider doesn't exist.");
    // the role exists only in the assertion: the trust policy of a missing role allows nothing
    String missing = roleArn("Missing");
    String forMissing = idp.response().role(missing, PROVIDER).sessionName("alice").base64();
    expectError(
        () ->
            anonymous.assumeRoleWithSAML(
                b -> b.roleArn(missing).principalArn(PROVIDER).samlAssertion(forMissing)),
        "AccessDenied",
        403,
        DENIED);
  }

  @Test
  void roleSessionNameIsRequiredAndChecked() throws Exception {
    providerAndRole(trust("", null));
    refused(
        idp.response().role(ROLE, PROVIDER).base64(),
        "InvalidIdentityToken",
        400,
        "RoleSessionName is required in AuthnResponse");
    refused(
        idp.response().role(ROLE, PROVIDER).sessionName("a").base64(),
        "InvalidIdentityToken",
        400,
        "RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}");
    refused(
        idp.response().role(ROLE, PROVIDER).sessionName("alice smith").base64(),
        "InvalidIdentityToken",
        400,
        "RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}");
  }

  @Test
  void theSessionLastsDurationSecondsCutBySessionNotOnOrAfterNotBySessionDuration()
      throws Exception {
    providerAndRole(trust("", null));
    iam.updateRole(b -> b.roleName("SamlRole").maxSessionDuration(7200));
    // SessionDuration is the console session's length (AWS): the API's session is DurationSeconds
    String console = ok(idp).attribute(SamlIdp.ATTRS + "SessionDuration", "900").base64();
    var r =
        anonymous.assumeRoleWithSAML(
            b ->
                b.roleArn(ROLE)
                    .principalArn(PROVIDER)
                    .samlAssertion(console)
                    .durationSeconds(7200));
    assertThat(r.credentials().expiration())
        .isBetween(Instant.now().plusSeconds(7100), Instant.now().plusSeconds(7300));
    // SessionNotOnOrAfter ends it earlier
    SamlIdp.Response cut = ok(idp);
    cut.sessionNotOnOrAfter =
        Instant.now().plusSeconds(1200).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    var c =
        anonymous.assumeRoleWithSAML(
            b ->
                b.roleArn(ROLE)
                    .principalArn(PROVIDER)
                    .samlAssertion(unchecked(cut::base64))
                    .durationSeconds(3600));
    assertThat(c.credentials().expiration()).isEqualTo(cut.sessionNotOnOrAfter);
    // above the role's maximum, and below AWS's minimum
    String a = ok(idp).base64();
    expectError(
        () ->
            anonymous.assumeRoleWithSAML(
                b ->
                    b.roleArn(ROLE).principalArn(PROVIDER).samlAssertion(a).durationSeconds(10800)),
        "ValidationError",
        400,
        "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    expectError(
        () ->
            anonymous.assumeRoleWithSAML(
                b -> b.roleArn(ROLE).principalArn(PROVIDER).samlAssertion(a).durationSeconds(899)),
        "ValidationError",
        400,
        "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900");
  }

  @Test
  @SuppressWarnings(
      "deprecation") // packedPolicySize(): deprecated in the SDK, still in AWS's answer
  void principalTagAttributesBecomeSessionTagsAndNeedTagSession() throws Exception {
    providerAndRole(trust("", null));
    iam.createRole(
        b -> b.roleName("Tagged").assumeRolePolicyDocument(trust(",\"sts:TagSession\"", null)));
    iam.putRolePolicy(
        b ->
            b.roleName("Tagged")
                .policyName("p")
                .policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:GetRole\",\"Resource\":\"*\","
                        + "\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/team\":\"platform\"}}}]}"));
    SamlIdp.Response tagged =
        ok(idp)
            .attribute(SamlIdp.ATTRS + "PrincipalTag:team", "platform")
            .attribute(SamlIdp.ATTRS + "TransitiveTagKeys", "team");
    refused(tagged.base64(), "AccessDenied", 403, "Not authorized to perform sts:TagSession");

    String tagging =
        idp.response()
            .role(roleArn("Tagged"), PROVIDER)
            .sessionName("alice")
            .attribute(SamlIdp.ATTRS + "PrincipalTag:team", "platform")
            .attribute(SamlIdp.ATTRS + "TransitiveTagKeys", "team")
            .base64();
    var r =
        anonymous.assumeRoleWithSAML(
            b -> b.roleArn(roleArn("Tagged")).principalArn(PROVIDER).samlAssertion(tagging));
    assertThat(r.packedPolicySize()).isPositive();
    try (var session = server.iam(TestServer.session(r.credentials()))) {
      assertThat(session.getRole(b -> b.roleName("Tagged")).role().roleName()).isEqualTo("Tagged");
    }
  }

  @Test
  void sourceIdentityIsSetWithSetSourceIdentityAndChecked() throws Exception {
    providerAndRole(trust(",\"sts:SetSourceIdentity\"", null));
    var r =
        assume(ok(idp).attribute(SamlIdp.ATTRS + "SourceIdentity", "alice@example.com").base64());
    assertThat(r.sourceIdentity()).isEqualTo("alice@example.com");
    refused(
        ok(idp).attribute(SamlIdp.ATTRS + "SourceIdentity", "aws:me").base64(),
        "InvalidIdentityToken",
        400,
        "Source Identity must match [a-zA-Z_0-9+=,.@-]{2,64} and not begin with \"aws:\"");
    iam.updateAssumeRolePolicy(b -> b.roleName("SamlRole").policyDocument(trust("", null)));
    refused(
        ok(idp).attribute(SamlIdp.ATTRS + "SourceIdentity", "alice").base64(),
        "AccessDenied",
        403,
        "Not authorized to perform sts:SetSourceIdentity");
  }

  @Test
  void updatingTheMetadataRotatesTheCertificate() throws Exception {
    providerAndRole(trust("", null));
    SamlIdp next = idp.rotated();
    String oldSigned = ok(idp).base64();
    String newSigned = ok(next).base64();
    assertThat(assume(oldSigned).subject()).isEqualTo("alice@example.com");
    refused(newSigned, "InvalidIdentityToken", 400, "Response signature invalid");
    String metadata = next.metadata();
    assertThat(
            iam.updateSAMLProvider(b -> b.samlProviderArn(PROVIDER).samlMetadataDocument(metadata))
                .samlProviderArn())
        .isEqualTo(PROVIDER);
    assertThat(iam.getSAMLProvider(b -> b.samlProviderArn(PROVIDER)).samlMetadataDocument())
        .isEqualTo(metadata);
    refused(oldSigned, "InvalidIdentityToken", 400, "Response signature invalid");
    assertThat(assume(newSigned).subject()).isEqualTo("alice@example.com");
  }

  // ---------------------------------------------------------------- IAM SAML providers

  @Test
  void samlProvidersAreCreatedReadListedTaggedAndDeleted() throws Exception {
    String metadata = idp.metadata();
    var created =
        iam.createSAMLProvider(
            b ->
                b.name(NAME)
                    .samlMetadataDocument(metadata)
                    .tags(Tag.builder().key("env").value("prod").build()));
    assertThat(created.samlProviderArn()).isEqualTo(PROVIDER);
    assertThat(created.tags()).extracting(Tag::key).containsExactly("env");
    GetSamlProviderResponse got = iam.getSAMLProvider(b -> b.samlProviderArn(PROVIDER));
    assertThat(got.samlMetadataDocument()).isEqualTo(metadata);
    assertThat(got.validUntil()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(got.createDate())
        .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(5));
    assertThat(got.tags()).extracting(Tag::value).containsExactly("prod");
    var listed = iam.listSAMLProviders().samlProviderList();
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).arn()).isEqualTo(PROVIDER);
    assertThat(listed.get(0).validUntil()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(listed.get(0).createDate()).isEqualTo(got.createDate());

    iam.tagSAMLProvider(
        b ->
            b.samlProviderArn(PROVIDER)
                .tags(
                    Tag.builder().key("team").value("id").build(),
                    Tag.builder().key("env").value("test").build()));
    assertThat(iam.listSAMLProviderTags(b -> b.samlProviderArn(PROVIDER)).tags())
        .extracting(t -> t.key() + "=" + t.value())
        .containsExactly("env=test", "team=id");
    iam.untagSAMLProvider(b -> b.samlProviderArn(PROVIDER).tagKeys("env", "absent"));
    assertThat(iam.listSAMLProviderTags(b -> b.samlProviderArn(PROVIDER)).tags())
        .extracting(Tag::key)
        .containsExactly("team");

    expectError(
        () -> iam.createSAMLProvider(b -> b.name(NAME).samlMetadataDocument(metadata)),
        "EntityAlreadyExists",
        409,
        "SAMLProvider MyIdP already exists.");
    iam.deleteSAMLProvider(b -> b.samlProviderArn(PROVIDER));
    assertThat(iam.listSAMLProviders().samlProviderList()).isEmpty();
    expectError(
        () -> iam.getSAMLProvider(b -> b.samlProviderArn(PROVIDER)),
        "NoSuchEntity",
        404,
        "SAMLProvider not found for arn " + PROVIDER);
    expectError(
        () -> iam.deleteSAMLProvider(b -> b.samlProviderArn(PROVIDER)),
        "NoSuchEntity",
        404,
        "SAMLProvider not found for arn " + PROVIDER);
    expectError(
        () ->
            iam.updateSAMLProvider(b -> b.samlProviderArn(PROVIDER).samlMetadataDocument(metadata)),
        "NoSuchEntity",
        404,
        "SAMLProvider not found for arn " + PROVIDER);
    expectError(
        () ->
            iam.tagSAMLProvider(
                b -> b.samlProviderArn(PROVIDER).tags(Tag.builder().key("k").value("v").build())),
        "NoSuchEntity",
        404,
        "SAMLProvider not found for arn " + PROVIDER);
  }

  @Test
  void badMetadataNamesAndArnsAreRefused() throws Exception {
    String metadata = idp.metadata();
    expectError(
        () -> iam.createSAMLProvider(b -> b.name(NAME).samlMetadataDocument("x".repeat(1000))),
        "InvalidInput",
        400,
        "Could not parse metadata. not well-formed XML (line 1, column 1)");
    String noCertificate =
        metadata.replaceAll("(?s)<md:KeyDescriptor.*</md:KeyDescriptor>", "") + " ".repeat(1000);
    expectError(
        () -> iam.createSAMLProvider(b -> b.name(NAME).samlMetadataDocument(noCertificate)),
        "InvalidInput",
        400,
        "Could not parse metadata. the IDPSSODescriptor has no signing certificate (KeyDescriptor with an X509Certificate)");
    String doctype =
        "<!DOCTYPE md:EntityDescriptor [<!ENTITY x \"y\">]>"
            + metadata.replaceFirst("^<\\?xml[^>]*\\?>", "");
    expectError(
        () -> iam.createSAMLProvider(b -> b.name(NAME).samlMetadataDocument(doctype)),
        "InvalidInput",
        400,
        "Could not parse metadata. document type declarations (DOCTYPE) are not allowed");
    String sp = metadata.replace("IDPSSODescriptor", "SPSSODescriptor");
    expectError(
        () -> iam.createSAMLProvider(b -> b.name(NAME).samlMetadataDocument(sp)),
        "InvalidInput",
        400,
        "Could not parse metadata. the EntityDescriptor has no IDPSSODescriptor");
    expectError(
        () -> iam.createSAMLProvider(b -> b.name(NAME).samlMetadataDocument("<x/>")),
        "ValidationError",
        400,
        "1 validation error detected: Value '<x/>' at 'sAMLMetadataDocument' failed to satisfy constraint: Member must have length greater than or equal to 1000");
    expectError(
        () -> iam.createSAMLProvider(b -> b.name("bad name").samlMetadataDocument(metadata)),
        "ValidationError",
        400,
        "1 validation error detected: Value 'bad name' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w._-]+");
    expectError(
        () ->
            iam.updateSAMLProvider(
                b -> b.samlProviderArn(PROVIDER).samlMetadataDocument("x".repeat(1000))),
        "InvalidInput",
        400,
        "Could not parse metadata. not well-formed XML (line 1, column 1)");
    expectError(
        () ->
            iam.getSAMLProvider(
                b -> b.samlProviderArn("arn:aws:iam::" + ACCOUNT + ":role/NotAProvider")),
        "ValidationError",
        400,
        "ARN arn:aws:iam::" + ACCOUNT + ":role/NotAProvider is not valid.");
    assertThat(iam.listSAMLProviders().samlProviderList()).isEmpty();
  }

  @Test
  void samlProviderActionsAreAuthorizedOnTheProviderArn() throws Exception {
    String metadata = idp.metadata();
    iam.createSAMLProvider(b -> b.name(NAME).samlMetadataDocument(metadata));
    var keys = E2e.userWithKey(iam, "reader");
    iam.putUserPolicy(
        b ->
            b.userName("reader")
                .policyName("p")
                .policyDocument(E2e.allow("iam:GetSAMLProvider", PROVIDER)));
    try (IamClient reader = server.iam(keys)) {
      assertThat(reader.getSAMLProvider(b -> b.samlProviderArn(PROVIDER)).samlMetadataDocument())
          .isEqualTo(metadata);
      expectError(
          () -> reader.deleteSAMLProvider(b -> b.samlProviderArn(PROVIDER)),
          "AccessDenied",
          403,
          "User: "
              + E2e.userArn("reader")
              + " is not authorized to perform: iam:DeleteSAMLProvider on resource: "
              + PROVIDER
              + " because no identity-based policy allows the iam:DeleteSAMLProvider action");
      expectError(
          () -> reader.createSAMLProvider(b -> b.name("Second").samlMetadataDocument(metadata)),
          "AccessDenied",
          403,
          "User: "
              + E2e.userArn("reader")
              + " is not authorized to perform: iam:CreateSAMLProvider on resource: "
              + "arn:aws:iam::"
              + ACCOUNT
              + ":saml-provider/Second because no identity-based policy allows the iam:CreateSAMLProvider action");
    }
  }

  @Test
  @SuppressWarnings(
      "deprecation") // packedPolicySize(): deprecated in the SDK, still in AWS's answer
  void sessionPoliciesApplyToTheSamlSession() throws Exception {
    providerAndRole(trust("", null));
    iam.putRolePolicy(
        b -> b.roleName("SamlRole").policyName("p").policyDocument(E2e.allow("iam:*", "*")));
    String policy = E2e.allow("iam:GetRole", "*");
    var r =
        anonymous.assumeRoleWithSAML(
            AssumeRoleWithSamlRequest.builder()
                .roleArn(ROLE)
                .principalArn(PROVIDER)
                .samlAssertion(ok(idp).base64())
                .policy(policy)
                .build());
    assertThat(r.packedPolicySize()).isPositive();
    try (IamClient session = server.iam(TestServer.session(r.credentials()))) {
      assertThat(session.getRole(b -> b.roleName("SamlRole")).role().arn()).isEqualTo(ROLE);
      expectError(
          () -> session.listRoles(),
          "AccessDenied",
          403,
          "User: arn:aws:sts::"
              + ACCOUNT
              + ":assumed-role/SamlRole/alice is not authorized to perform: iam:ListRoles on resource: "
              + "arn:aws:iam::"
              + ACCOUNT
              + ":role/ because no session policy allows the iam:ListRoles action");
    }
  }
}
