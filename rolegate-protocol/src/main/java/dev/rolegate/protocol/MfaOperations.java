package dev.rolegate.protocol;

import dev.rolegate.core.iam.MfaService;
import dev.rolegate.core.iam.Page;
import dev.rolegate.core.model.MfaDevice;
import dev.rolegate.core.model.Tag;
import dev.rolegate.core.model.User;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The IAM MFA device actions: CreateVirtualMFADevice, EnableMFADevice, ResyncMFADevice,
 * DeactivateMFADevice, DeleteVirtualMFADevice, ListMFADevices, ListVirtualMFADevices, GetMFADevice,
 * Tag/UntagMFADevice, ListMFADeviceTags. Blobs (Base32StringSeed, QRCodePNG) are base64 in the
 * answer, as the AWS Query protocol writes them.
 */
public final class MfaOperations {
  private MfaOperations() {}

  public static void register(Map<String, Operation> ops, MfaService mfa) {
    ops.put(
        "CreateVirtualMFADevice",
        c -> {
          Params p = c.params();
          MfaService.NewVirtualDevice d =
              mfa.createVirtualMfaDevice(
                  c.caller(),
                  c.info(),
                  p.required("VirtualMFADeviceName"),
                  p.string("Path"),
                  p.tags("Tags"));
          return Node.builder()
              .struct(
                  "VirtualMFADevice",
                  b -> {
                    b.text("SerialNumber", d.device().serialNumber())
                        .text(
                            "Base32StringSeed",
                            blob(d.base32StringSeed().getBytes(StandardCharsets.US_ASCII)))
                        .text("QRCodePNG", blob(d.qrCodePng()));
                    tags(b, d.device().tags());
                  })
              .build();
        });
    ops.put(
        "EnableMFADevice",
        c -> {
          Params p = c.params();
          mfa.enableMfaDevice(
              c.caller(),
              c.info(),
              p.required("UserName"),
              p.required("SerialNumber"),
              p.required("AuthenticationCode1"),
              p.required("AuthenticationCode2"));
          return null;
        });
    ops.put(
        "ResyncMFADevice",
        c -> {
          Params p = c.params();
          mfa.resyncMfaDevice(
              c.caller(),
              c.info(),
              p.required("UserName"),
              p.required("SerialNumber"),
              p.required("AuthenticationCode1"),
              p.required("AuthenticationCode2"));
          return null;
        });
    ops.put(
        "DeactivateMFADevice",
        c -> {
          mfa.deactivateMfaDevice(
              c.caller(),
              c.info(),
              c.params().string("UserName"),
              c.params().required("SerialNumber"));
          return null;
        });
    ops.put(
        "TagMFADevice",
        c -> {
          mfa.tagMfaDevice(
              c.caller(),
              c.info(),
              c.params().required("SerialNumber"),
              IamExtraOperations.tagList(c.params()));
          return null;
        });
    ops.put(
        "UntagMFADevice",
        c -> {
          mfa.untagMfaDevice(
              c.caller(),
              c.info(),
              c.params().required("SerialNumber"),
              IamExtraOperations.tagKeys(c.params()));
          return null;
        });
    ops.put(
        "ListMFADeviceTags",
        c ->
            IamExtraOperations.tagPage(
                mfa.listMfaDeviceTags(
                    c.caller(),
                    c.info(),
                    c.params().required("SerialNumber"),
                    c.params().string("Marker"),
                    c.params().integer("MaxItems"))));
    ops.put(
        "DeleteVirtualMFADevice",
        c -> {
          mfa.deleteVirtualMfaDevice(c.caller(), c.info(), c.params().required("SerialNumber"));
          return null;
        });
    ops.put(
        "ListMFADevices",
        c -> {
          Params p = c.params();
          Page<MfaDevice> page =
              mfa.listMfaDevices(
                  c.caller(),
                  c.info(),
                  p.string("UserName"),
                  p.string("Marker"),
                  p.integer("MaxItems"));
          return page(
              Node.builder()
                  .list(
                      "MFADevices",
                      page.items(),
                      (d, b) ->
                          b.text("UserName", d.userName())
                              .text("SerialNumber", d.serialNumber())
                              .time("EnableDate", d.enableDate())),
              page);
        });
    ops.put(
        "ListVirtualMFADevices",
        c -> {
          Params p = c.params();
          Page<MfaService.DeviceView> page =
              mfa.listVirtualMfaDevices(
                  c.caller(),
                  c.info(),
                  p.string("AssignmentStatus"),
                  p.string("Marker"),
                  p.integer("MaxItems"));
          return page(
              Node.builder()
                  .list(
                      "VirtualMFADevices",
                      page.items(),
                      (v, b) -> {
                        b.text("SerialNumber", v.device().serialNumber());
                        if (v.user() != null) {
                          b.struct("User", u -> user(u, v.user()));
                        }
                        b.time("EnableDate", v.device().enableDate());
                        tags(b, v.device().tags());
                      }),
              page);
        });
    ops.put(
        "GetMFADevice",
        c -> {
          MfaDevice d =
              mfa.getMfaDevice(
                  c.caller(),
                  c.info(),
                  c.params().required("SerialNumber"),
                  c.params().string("UserName"));
          return Node.builder()
              .text("UserName", d.userName())
              .text("SerialNumber", d.serialNumber())
              .time("EnableDate", d.enableDate())
              .build();
        });
  }

  private static String blob(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static void user(Node.Builder b, User u) {
    b.text("Path", u.path())
        .text("UserName", u.name())
        .text("UserId", u.userId())
        .text("Arn", u.arn())
        .time("CreateDate", u.createDate());
  }

  private static void tags(Node.Builder b, List<Tag> tags) {
    if (!tags.isEmpty()) {
      b.list("Tags", tags, (t, x) -> x.text("Key", t.key()).text("Value", t.value()));
    }
  }

  private static List<Node> page(Node.Builder b, Page<?> page) {
    b.bool("IsTruncated", page.truncated()).text("Marker", page.marker());
    return b.build();
  }
}
