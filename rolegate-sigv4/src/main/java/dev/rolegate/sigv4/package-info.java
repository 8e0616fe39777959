/**
 * AWS Signature Version 4 verification as pure functions: {@link dev.rolegate.sigv4.SigV4#parse
 * parse} a request's authentication (Authorization header or presigned query), then {@link
 * dev.rolegate.sigv4.SigV4#verify verify} it with the secret the caller looked up. Nothing here
 * does I/O, reads a clock or looks up keys; bad requests give result values, never exceptions.
 *
 * <p>Rules and messages follow docs/aws-reference.md §7 of the shared reference and the aws-c-auth
 * SigV4 test suite (copied under src/test/resources/sigv4).
 */
package dev.rolegate.sigv4;
