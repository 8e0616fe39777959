package dev.rolegate.protocol;

/** The two services Rolegate speaks, with the Query API version and XML namespace of each. */
public enum Service {
  IAM("iam", "2010-05-08", "https://iam.amazonaws.com/doc/2010-05-08/"),
  STS("sts", "2011-06-15", "https://sts.amazonaws.com/doc/2011-06-15/");

  private final String id;
  private final String version;
  private final String namespace;

  Service(String id, String version, String namespace) {
    this.id = id;
    this.version = version;
    this.namespace = namespace;
  }

  public String id() {
    return id;
  }

  public String version() {
    return version;
  }

  public String namespace() {
    return namespace;
  }
}
