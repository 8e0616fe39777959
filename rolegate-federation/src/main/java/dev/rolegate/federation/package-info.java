/**
 * The federation verifiers and signer behind core's ports ({@code dev.rolegate.core.federation}):
 * OIDC ID tokens ({@code oidc}: discovery and JWKS over HTTPS with thumbprint pinning, JWT
 * verification with Nimbus JOSE+JWT), SAML responses ({@code saml}: a hardened XML parser, IdP
 * metadata, XML-DSig verification with Apache Santuario) and outbound identity tokens ({@code
 * outbound}: key generation and JWT signing with Nimbus). They answer values: a bad token is a
 * {@link dev.rolegate.core.federation.Verification.Failed} with AWS's code and message.
 */
package dev.rolegate.federation;
