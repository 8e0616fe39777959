/**
 * The federation ports: what the use cases of AssumeRoleWithWebIdentity, AssumeRoleWithSAML, the
 * IAM SAML providers and GetWebIdentityToken ask of the verifiers and the token signer. Module
 * rolegate-federation implements them (Nimbus JOSE+JWT, Apache Santuario, the OIDC discovery and
 * JWKS fetches); core holds neither those libraries nor any network I/O. A verifier answers a
 * {@link dev.rolegate.core.federation.Verification}: the verified value, or AWS's error code and
 * message, never an exception for bad input.
 */
package dev.rolegate.core.federation;
