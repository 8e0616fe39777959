package dev.rolegate.core.model;

/** The IAM identities that hold inline policies and attached managed policies. */
public enum PrincipalType {
  USER,
  GROUP,
  ROLE
}
