package dev.rolegate.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The public pieces: canonical URI, query, headers, payload hash, key derivation, hex/SHA-256
 * helpers.
 */
class CanonicalTest {

  @ParameterizedTest(name = "''{0}'' -> ''{1}''")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "/|/",
        "\"\"|/",
        "//|/",
        "/a//b|/a/b",
        "/a/b/../c|/a/c",
        "/a/./b/|/a/b/",
        "/a/b/..|/a",
        "/../a|/a",
        "/a/b/../../..|/",
        "/example space/|/example%20space/",
        "/a%20b|/a%2520b",
        "/iam/|/iam/",
        "/a:b@c+d|/a%3Ab%40c%2Bd",
        "/-._~09AZaz|/-._~09AZaz"
      })
  void canonicalUriNormalisesThenEncodesTheWirePathAgain(String rawPath, String expected) {
    assertThat(SigV4.canonicalUri(rawPath, true)).isEqualTo(expected);
  }

  @Test
  void canonicalUriEncodesUtf8AndCanKeepThePathAsIs() {
    assertThat(SigV4.canonicalUri("/\u1234", true)).isEqualTo("/%E1%88%B4");
    assertThat(SigV4.canonicalUri("//a/./b/../", false)).isEqualTo("//a/./b/../");
    assertThat(SigV4.canonicalUri("", false)).isEqualTo("/");
  }

  @ParameterizedTest(name = "''{0}'' -> ''{1}''")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "\"\"|\"\"",
        "b=2&a=1|a=1&b=2",
        "a=2&a=1|a=1&a=2",
        "a|a=",
        "a=|a=",
        "&&a=1&|a=1",
        "a=b+c|a=b%2Bc",
        "a=b%20c|a=b%20c",
        "a=%7e%2f%2F|a=~%2F%2F",
        "a=%zz%4|a=%25zz%254",
        "a=x=y|a=x%3Dy",
        "b=1&B=1&a-b=1&a_b=1|B=1&a-b=1&a_b=1&b=1",
        "%E1%88%B4=1&Z=1|%E1%88%B4=1&Z=1",
        "name=caf\u00e9|name=caf%C3%A9"
      })
  void canonicalQueryDecodesReencodesAndSorts(String rawQuery, String expected) {
    assertThat(SigV4.canonicalQueryString(rawQuery, Set.of())).isEqualTo(expected);
  }

  @Test
  void canonicalQueryLeavesOutExcludedParametersByDecodedName() {
    assertThat(
            SigV4.canonicalQueryString(
                "X-Amz-Signature=abc&a=1&X%2DAmz%2DSignature=def&x-amz-signature=1",
                Set.of("X-Amz-Signature")))
        .isEqualTo("a=1&x-amz-signature=1");
    assertThat(SigV4.canonicalQueryString(null, Set.of())).isEmpty();
  }

  @Test
  void canonicalHeadersTrimCollapseJoinAndSort() {
    List<Header> headers =
        List.of(
            new Header("Host", "iam.amazonaws.com"),
            new Header("My-Header", "  a   b\t\tc  "),
            new Header("X-Amz-Date", "20150830T123600Z"),
            new Header("my-header", "second"),
            new Header("Unsigned", "x"));

    assertThat(SigV4.canonicalHeaders(headers, List.of("X-Amz-Date", "my-header", "HOST")))
        .isEqualTo("host:iam.amazonaws.com\nmy-header:a b c,second\nx-amz-date:20150830T123600Z\n");
  }

  @Test
  void payloadHashIsTheDeclaredHashOrTheBodyHash() {
    SignableRequest plain =
        new SignableRequest(
            "POST", "/", null, List.of(), "Param1=value1".getBytes(StandardCharsets.UTF_8));
    SignableRequest declared =
        new SignableRequest(
            "POST",
            "/",
            null,
            List.of(new Header("X-Amz-Content-Sha256", " UNSIGNED-PAYLOAD ")),
            "x".getBytes(StandardCharsets.UTF_8));

    assertThat(SigV4.payloadHash(plain))
        .isEqualTo("9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e");
    assertThat(SigV4.payloadHash(declared)).isEqualTo("UNSIGNED-PAYLOAD");
    assertThat(SigV4.sha256Hex(new byte[0]))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void signingKeyMatchesTheAwsDocumentationExample() {
    byte[] key =
        SigV4.signingKey(
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830", "us-east-1", "iam");

    assertThat(SigV4.hex(key))
        .isEqualTo("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
  }

  /** The IAM ListUsers example of the AWS "Create a signed AWS API request" documentation. */
  @Test
  void theAwsDocumentationIamExampleSignsAndVerifies() {
    List<Header> headers =
        List.of(
            new Header("Host", "iam.amazonaws.com"),
            new Header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
            new Header("X-Amz-Date", "20150830T123600Z"));
    SignableRequest unsigned =
        new SignableRequest("GET", "/", "Action=ListUsers&Version=2010-05-08", headers, null);
    Instant t = Instant.parse("2015-08-30T12:36:00Z");

    String canonical =
        SigV4.canonicalRequest(
            unsigned,
            List.of("content-type", "host", "x-amz-date"),
            SigV4.payloadHash(unsigned),
            true,
            Set.of());
    String stringToSign = SigV4.stringToSign(t, "20150830/us-east-1/iam/aws4_request", canonical);
    String signature =
        SigV4.signature(
            SigV4.signingKey(
                "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830", "us-east-1", "iam"),
            stringToSign);

    assertThat(canonical)
        .isEqualTo(
            """
        GET
        /
        Action=ListUsers&Version=2010-05-08
        content-type:application/x-www-form-urlencoded; charset=utf-8
        host:iam.amazonaws.com
        x-amz-date:20150830T123600Z

        content-type;host;x-amz-date
        e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""");
    assertThat(SigV4.sha256Hex(canonical))
        .isEqualTo("f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59");
    assertThat(signature)
        .isEqualTo("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");

    SignableRequest signed =
        new SignableRequest(
            "GET",
            "/",
            unsigned.rawQuery(),
            List.of(
                headers.get(0),
                headers.get(1),
                headers.get(2),
                new Header(
                    "Authorization",
                    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"
                        + "20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature="
                        + signature)),
            null);
    assertThat(
            SigV4.verify(
                signed,
                VectorSuiteTest.signed(signed),
                "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                t))
        .isEqualTo(new VerifyResult.Verified());
  }

  @Test
  void hmacAndHexHelpers() {
    // RFC 4231 test case 2
    byte[] mac =
        SigV4.hmacSha256(
            "Jefe".getBytes(StandardCharsets.US_ASCII), "what do ya want for nothing?");
    assertThat(SigV4.hex(mac))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    assertThat(SigV4.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void amzDateFormatting() {
    assertThat(SigV4.formatAmzDate(Instant.parse("2015-08-30T12:36:00.999Z")))
        .isEqualTo("20150830T123600Z");
    assertThat(SigV4.parseAmzDate("20150830T123600Z"))
        .isEqualTo(Instant.parse("2015-08-30T12:36:00Z"));
    assertThat(SigV4.parseAmzDate("20150230T123600Z")).isNull();
    assertThat(SigV4.parseAmzDate("20150830T123600")).isNull();
    assertThat(SigV4.parseAmzDate(null)).isNull();
  }

  @Test
  void errorCodesCarryTheirHttpStatusAndMessage() {
    assertThat(SigV4Error.MissingAuthenticationToken.httpStatus()).isEqualTo(403);
    assertThat(SigV4Error.MissingAuthenticationToken.defaultMessage())
        .isEqualTo("Request is missing Authentication Token");
    assertThat(SigV4Error.IncompleteSignature.httpStatus()).isEqualTo(400);
    assertThat(SigV4Error.SignatureDoesNotMatch.httpStatus()).isEqualTo(403);
    assertThat(SigV4Error.SignatureDoesNotMatch.code()).isEqualTo("SignatureDoesNotMatch");
    assertThat(SigV4Error.InvalidClientTokenId.httpStatus()).isEqualTo(403);
    assertThat(SigV4Error.InvalidClientTokenId.defaultMessage("iam"))
        .isEqualTo("The security token included in the request is invalid.");
    assertThat(SigV4Error.InvalidClientTokenId.defaultMessage("sts"))
        .isEqualTo("The security token included in the request is invalid");
    assertThat(SigV4Error.ExpiredToken.defaultMessage())
        .isEqualTo("The security token included in the request is expired");
    assertThat(SigV4Error.AccessDenied.httpStatus()).isEqualTo(403);
    assertThat(SigV4Messages.wrongService("sts"))
        .isEqualTo("Credential should be scoped to correct service: 'sts'.");
    assertThat(SigV4Messages.invalidRegion("mars-1"))
        .isEqualTo("Credential should be scoped to a valid region, not 'mars-1'.");
  }
}
