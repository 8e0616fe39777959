package dev.rolegate.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.sigv4.ParseResult.Signed;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every folder of the aws-c-auth SigV4 test suite, in both forms (Authorization header and
 * presigned query): signing request.txt reproduces the canonical request, string to sign, signature
 * and Authorization; the verifier accepts the signed request at the vector's time and rejects it
 * after any one change.
 */
class VectorSuiteTest {

  enum Form {
    HEADER("header"),
    QUERY("query");

    final String prefix;

    Form(String prefix) {
      this.prefix = prefix;
    }

    String file(String suffix) {
      return prefix + "-" + suffix + ".txt";
    }
  }

  /** One change to a signed request that must break its signature. */
  @SuppressWarnings("ImmutableEnumChecker") // each constant holds a stateless lambda
  enum Tamper {
    SIGNATURE(
        (r, f) ->
            f == Form.HEADER
                ? withHeader(r, "Authorization", flipLast(r.firstHeader("Authorization")))
                : withQuery(r, flipSignatureParam(r.rawQuery()))),
    HOST_HEADER((r, f) -> withHeader(r, "Host", "f" + r.firstHeader("Host").substring(1))),
    BODY(
        (r, f) ->
            new SignableRequest(
                r.method(), r.rawPath(), r.rawQuery(), r.headers(), flipFirst(r.body()))),
    PATH(
        (r, f) ->
            new SignableRequest(
                r.method(), r.rawPath() + "x", r.rawQuery(), r.headers(), r.body())),
    QUERY_PARAMETER((r, f) -> withQuery(r, r.rawQuery().isEmpty() ? "x=1" : r.rawQuery() + "&x=1")),
    METHOD(
        (r, f) ->
            new SignableRequest(
                r.method().equals("GET") ? "PUT" : "GET",
                r.rawPath(),
                r.rawQuery(),
                r.headers(),
                r.body()));

    final BiFunction<SignableRequest, Form, SignableRequest> change;

    Tamper(BiFunction<SignableRequest, Form, SignableRequest> change) {
      this.change = change;
    }
  }

  static Stream<Arguments> vectorsAndForms() {
    return Vector.all().stream()
        .flatMap(v -> Stream.of(Arguments.of(v, Form.HEADER), Arguments.of(v, Form.QUERY)));
  }

  static Stream<Arguments> tamperings() {
    return vectorsAndForms()
        .flatMap(a -> Stream.of(Tamper.values()).map(t -> Arguments.of(a.get()[0], a.get()[1], t)));
  }

  @Test
  void everyVectorFolderIsPresentAndComplete() {
    List<Vector> all = Vector.all();
    assertThat(all).hasSize(38); // the aws-c-auth v4 suite at commit 495329c (see sigv4/SOURCE.md)
    for (Vector v : all) {
      for (Form f : Form.values()) {
        for (String part :
            List.of("canonical-request", "string-to-sign", "signature", "signed-request")) {
          assertThat(v.dir().resolve(f.file(part))).as(v.name()).isRegularFile();
        }
      }
      assertThat(v.dir().resolve("request.txt")).isRegularFile();
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("vectorsAndForms")
  void signingTheRequestReproducesTheVector(Vector v, Form form) {
    SignableRequest request = v.request("request.txt");
    SignableRequest expectedSigned = v.request(form.file("signed-request"));
    TestSigner signer = v.signer();

    TestSigner.Output out =
        form == Form.HEADER
            ? signer.signHeaders(request)
            : signer.presign(request, v.expiresSeconds());

    assertThat(out.canonicalRequest()).isEqualTo(v.text(form.file("canonical-request")));
    assertThat(out.stringToSign()).isEqualTo(v.text(form.file("string-to-sign")));
    assertThat(out.signature()).isEqualTo(v.text(form.file("signature")).trim());
    if (form == Form.HEADER) {
      assertThat(out.authorization()).isEqualTo(expectedSigned.firstHeader("Authorization"));
    } else {
      assertThat(out.request().rawQuery()).isEqualTo(expectedSigned.rawQuery());
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("vectorsAndForms")
  void parsingTheSignedRequestRecomputesTheVector(Vector v, Form form) {
    SignableRequest request = v.request(form.file("signed-request"));

    Signed signed = signed(request);
    String canonical =
        form == Form.QUERY && v.omitSessionToken()
            // the token was added after signing: verify() retries without it, as here
            ? SigV4.canonicalRequest(
                request,
                signed.signedHeaders(),
                SigV4.payloadHash(request),
                v.normalize(),
                Set.of("X-Amz-Signature", "X-Amz-Security-Token"))
            : SigV4.canonicalRequest(request, signed, v.options());

    assertThat(canonical).isEqualTo(v.text(form.file("canonical-request")));
    assertThat(SigV4.stringToSign(signed.requestTime(), signed.credentialScope(), canonical))
        .isEqualTo(v.text(form.file("string-to-sign")));
    assertThat(signed.accessKeyId()).isEqualTo(v.accessKeyId());
    assertThat(signed.date()).isEqualTo("20150830");
    assertThat(signed.region()).isEqualTo(v.region());
    assertThat(signed.service()).isEqualTo(v.service());
    assertThat(signed.requestTime()).isEqualTo(v.time());
    assertThat(signed.signature()).isEqualTo(v.text(form.file("signature")).trim());
    assertThat(signed.securityToken()).isEqualTo(v.token());
    assertThat(signed.presigned()).isEqualTo(form == Form.QUERY);
    assertThat(signed.expiresSeconds()).isEqualTo(form == Form.QUERY ? v.expiresSeconds() : 0);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("vectorsAndForms")
  void theSignedRequestVerifiesAtTheVectorsTime(Vector v, Form form) {
    SignableRequest request = v.request(form.file("signed-request"));

    VerifyResult result = SigV4.verify(request, signed(request), v.secret(), v.time(), v.options());

    assertThat(result).isEqualTo(new VerifyResult.Verified());
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("tamperings")
  void anyChangeBreaksTheSignature(Vector v, Form form, Tamper tamper) {
    SignableRequest request = tamper.change.apply(v.request(form.file("signed-request")), form);

    VerifyResult result = SigV4.verify(request, signed(request), v.secret(), v.time(), v.options());

    assertThat(result)
        .isEqualTo(
            new VerifyResult.Failure(
                SigV4Error.SignatureDoesNotMatch, SigV4Messages.SIGNATURE_MISMATCH));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("vectorsAndForms")
  void aWrongSecretBreaksTheSignature(Vector v, Form form) {
    SignableRequest request = v.request(form.file("signed-request"));

    VerifyResult result =
        SigV4.verify(request, signed(request), v.secret() + "x", v.time(), v.options());

    assertThat(result).isInstanceOf(VerifyResult.Failure.class);
    assertThat(((VerifyResult.Failure) result).error()).isEqualTo(SigV4Error.SignatureDoesNotMatch);
  }

  static Signed signed(SignableRequest request) {
    ParseResult parsed = SigV4.parse(request);
    assertThat(parsed).isInstanceOf(Signed.class);
    return (Signed) parsed;
  }

  static SignableRequest withHeader(SignableRequest r, String name, String value) {
    List<Header> headers = new ArrayList<>();
    for (Header h : r.headers()) {
      headers.add(h.hasName(name) ? new Header(h.name(), value) : h);
    }
    return new SignableRequest(r.method(), r.rawPath(), r.rawQuery(), headers, r.body());
  }

  static SignableRequest withQuery(SignableRequest r, String query) {
    return new SignableRequest(r.method(), r.rawPath(), query, r.headers(), r.body());
  }

  static String flipLast(String s) {
    char last = s.charAt(s.length() - 1);
    return s.substring(0, s.length() - 1) + (last == '0' ? '1' : '0');
  }

  static String flipSignatureParam(String query) {
    int start = query.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
    int end = query.indexOf('&', start);
    end = end < 0 ? query.length() : end;
    return query.substring(0, start) + flipLast(query.substring(start, end)) + query.substring(end);
  }

  static byte[] flipFirst(byte[] body) {
    if (body.length == 0) {
      return "x".getBytes(StandardCharsets.US_ASCII);
    }
    byte[] copy = body.clone();
    copy[0] ^= 1;
    return copy;
  }
}
