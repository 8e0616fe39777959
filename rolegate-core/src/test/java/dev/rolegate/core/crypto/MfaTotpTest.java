package dev.rolegate.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.rolegate.core.iam.MfaService;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** TOTP (RFC 6238 Appendix B vectors), base32 (RFC 4648 vectors) and the QR code PNG. */
class MfaTotpTest {
  private static final byte[] SHA1_SEED =
      "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SHA256_SEED =
      "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SHA512_SEED =
      "1234567890123456789012345678901234567890123456789012345678901234"
          .getBytes(StandardCharsets.US_ASCII);
  private static final long[] TIMES = {
    59L, 1111111109L, 1111111111L, 1234567890L, 2000000000L, 20000000000L
  };

  private static long step(long epochSeconds) {
    return Totp.step(Instant.ofEpochSecond(epochSeconds));
  }

  @Test
  void theRfc6238VectorsHoldForSha1Sha256AndSha512() {
    String[] sha1 = {"94287082", "07081804", "14050471", "89005924", "69279037", "65353130"};
    String[] sha256 = {"46119246", "68084774", "67062674", "91819424", "90698825", "77737706"};
    String[] sha512 = {"90693936", "25091201", "99943326", "93441116", "38618901", "47863826"};
    for (int i = 0; i < TIMES.length; i++) {
      assertThat(Totp.hotp(SHA1_SEED, step(TIMES[i]), 8, "HmacSHA1"))
          .as("SHA1 at %d", TIMES[i])
          .isEqualTo(sha1[i]);
      assertThat(Totp.hotp(SHA256_SEED, step(TIMES[i]), 8, "HmacSHA256"))
          .as("SHA256 at %d", TIMES[i])
          .isEqualTo(sha256[i]);
      assertThat(Totp.hotp(SHA512_SEED, step(TIMES[i]), 8, "HmacSHA512"))
          .as("SHA512 at %d", TIMES[i])
          .isEqualTo(sha512[i]);
    }
  }

  @Test
  void sixDigitCodesAreTheLastSixDigitsOfTheRfcVectorsZeroPadded() {
    String[] six = {"287082", "081804", "050471", "005924", "279037", "353130"};
    for (int i = 0; i < TIMES.length; i++) {
      assertThat(Totp.code(SHA1_SEED, step(TIMES[i]))).isEqualTo(six[i]);
    }
  }

  @Test
  void stepsAre30SecondsFromTheEpoch() {
    assertThat(Totp.step(Instant.ofEpochSecond(0))).isZero();
    assertThat(Totp.step(Instant.ofEpochSecond(29))).isZero();
    assertThat(Totp.step(Instant.ofEpochSecond(30))).isEqualTo(1);
    assertThat(Totp.step(Instant.ofEpochSecond(59, 999_999_999))).isEqualTo(1);
    assertThat(Totp.step(Instant.ofEpochSecond(1111111109L))).isEqualTo(0x23523EC);
  }

  @Test
  void codesCompareOnlyWhenEqual() {
    assertThat(Totp.same("123456", "123456")).isTrue();
    assertThat(Totp.same("123456", "123457")).isFalse();
    assertThat(Totp.same("123456", "12345")).isFalse();
    assertThat(Totp.same("123456", null)).isFalse();
  }

  @Test
  void base32FollowsRfc4648WithoutPadding() {
    String[][] vectors = {
      {"", ""},
      {"f", "MY"},
      {"fo", "MZXQ"},
      {"foo", "MZXW6"},
      {"foob", "MZXW6YQ"},
      {"fooba", "MZXW6YTB"},
      {"foobar", "MZXW6YTBOI"}
    };
    for (String[] v : vectors) {
      assertThat(Totp.base32(v[0].getBytes(StandardCharsets.US_ASCII))).isEqualTo(v[1]);
      assertThat(Totp.base32Decode(v[1])).isEqualTo(v[0].getBytes(StandardCharsets.US_ASCII));
    }
    assertThat(Totp.base32Decode("mzxw6ytboi======"))
        .isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
    assertThat(Totp.base32Decode("MZXW1")).isNull();
    byte[] seed = new byte[MfaService.SEED_BYTES];
    new java.util.Random(7).nextBytes(seed);
    assertThat(Totp.base32(seed)).hasSize(64).matches("[A-Z2-7]+");
  }

  @Test
  void theQrCodePngDecodesToTheOtpauthUri() throws Exception {
    String uri =
        MfaService.otpauthUri(
            "my+device@x",
            "123456789012",
            "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
    assertThat(uri)
        .isEqualTo(
            "otpauth://totp/my%2Bdevice%40x@123456789012?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
    byte[] png = QrCodePng.encode(uri);
    assertThat(png).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n');
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image).isNotNull();
    assertThat(image.getWidth()).isEqualTo(image.getHeight()).isGreaterThan(100);
    int[] pixels =
        image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    String decoded =
        new QRCodeReader()
            .decode(
                new BinaryBitmap(
                    new HybridBinarizer(
                        new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels))))
            .getText();
    assertThat(decoded).isEqualTo(uri);
  }
}
