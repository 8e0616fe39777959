// Not in the brief: the brief's [profile admin-mfa] (role_arn, source_profile = default, mfa_serial)
// resolved by the AWS SDK for JavaScript v3's own shared-config provider, as an application using that
// profile would. The SDK asks mfaCodeProvider for the code of the profile's mfa_serial; here it is the
// one MfaProfileNodeTest computed (ROLEGATE_MFA_CODE). The STS client it creates is pointed at Rolegate.
// Prints, as one JSON line, the serial the SDK asked about and the credentials it got.
import { fromIni } from "@aws-sdk/credential-provider-ini";

let askedFor = null;
const provider = fromIni({
  profile: "admin-mfa",
  mfaCodeProvider: async (serial) => {
    askedFor = serial;
    return process.env.ROLEGATE_MFA_CODE;
  },
  clientConfig: { region: "us-east-1", endpoint: process.env.ROLEGATE_ENDPOINT },
});
const credentials = await provider();
console.log(JSON.stringify({
  mfaSerial: askedFor,
  accessKeyId: credentials.accessKeyId,
  secretAccessKey: credentials.secretAccessKey,
  sessionToken: credentials.sessionToken,
}));
