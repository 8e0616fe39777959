package dev.rolegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValuesTest {
  @Test
  void ipv4AndIpv6AddressesAndCidrs() {
    assertThat(Values.parseIp("203.0.113.7")).containsExactly(203, 0, 113, 7);
    assertThat(Values.parseIp("256.0.0.1")).isNull();
    assertThat(Values.parseIp("1.2.3")).isNull();
    assertThat(Values.parseIp("1.2.3.4.5")).isNull();
    assertThat(Values.parseIp("example.com")).isNull(); // never a name lookup
    assertThat(Values.parseIp("::1")).hasSize(16).endsWith(1);
    assertThat(Values.parseIp("2001:db8::ff00:42:8329")).hasSize(16);
    assertThat(Values.parseIp("::ffff:192.0.2.1")).endsWith(192, 0, 2, 1);
    assertThat(Values.parseIp("1:2:3:4:5:6:7:8:9")).isNull();
    assertThat(Values.parseIp("1::2::3")).isNull();
    Values.Cidr v6 = Values.Cidr.parse("2001:DB8:1234:5678::/64");
    assertThat(v6.contains(Values.parseIp("2001:db8:1234:5678:abcd::1"))).isTrue();
    assertThat(v6.contains(Values.parseIp("2001:db8:1234:5679::1"))).isFalse();
    assertThat(v6.contains(Values.parseIp("10.0.0.1"))).isFalse();
    Values.Cidr v4 = Values.Cidr.parse("10.1.2.0/23");
    assertThat(v4.contains(Values.parseIp("10.1.3.255"))).isTrue();
    assertThat(v4.contains(Values.parseIp("10.1.4.0"))).isFalse();
    assertThat(Values.Cidr.parse("10.0.0.1").prefix()).isEqualTo(32);
    assertThat(Values.Cidr.parse("0.0.0.0/0").contains(Values.parseIp("8.8.8.8"))).isTrue();
    assertThat(Values.Cidr.parse("10.0.0.0/33")).isNull();
  }

  @Test
  void datesInIsoFormsAndEpochSeconds() {
    assertThat(Values.parseDate("2020-01-01T00:00:00Z")).isEqualTo(1577836800000L);
    assertThat(Values.parseDate("2020-01-01T01:00:00+01:00")).isEqualTo(1577836800000L);
    assertThat(Values.parseDate("2020-01-01")).isEqualTo(1577836800000L);
    assertThat(Values.parseDate("2020-01-01T00:00:00.500Z")).isEqualTo(1577836800500L);
    assertThat(Values.parseDate("1577836800")).isEqualTo(1577836800000L);
    assertThat(Values.parseDate("tomorrow")).isNull();
    assertThat(Values.parseDate("99999999999999999999")).isNull();
  }

  @Test
  void theFastUtcPathAgreesWithJavaTime() {
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < 20_000; i++) {
      long millis = random.nextLong() % 8_000_000_000_000L; // about 1716 to 2223
      java.time.Instant instant = java.time.Instant.ofEpochMilli(millis);
      String seconds =
          java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
              .withZone(java.time.ZoneOffset.UTC)
              .format(instant);
      String withMillis =
          java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
              .withZone(java.time.ZoneOffset.UTC)
              .format(instant);
      assertThat(Values.parseDate(seconds))
          .as(seconds)
          .isEqualTo(java.time.Instant.parse(seconds).toEpochMilli());
      assertThat(Values.parseDate(withMillis)).as(withMillis).isEqualTo(millis);
    }
    assertThat(Values.parseDate("2023-02-29T00:00:00Z")).isNull();
    assertThat(Values.parseDate("2024-02-29T00:00:00Z")).isEqualTo(1709164800000L);
    assertThat(Values.parseDate("2024-13-01T00:00:00Z")).isNull();
  }

  @Test
  void templatesMatchInPlaceWithWildcardsAroundVariables() {
    RequestContext ctx =
        RequestContext.builder()
            .principal("arn:aws:iam::123456789012:user/a")
            .action("s3:GetObject")
            .resource("*")
            .put("aws:username", "al*ce")
            .build();
    Template t = Template.parse("*/home/${aws:username}/?*");
    assertThat(t.matches(ctx, "x/y/home/al*ce/f", 0, 16)).isTrue();
    assertThat(t.matches(ctx, "x/home/alice/f", 0, 14)).as("the value's * is literal").isFalse();
    assertThat(t.matches(ctx, "x/home/al*ce/", 0, 13)).as("? needs one character").isFalse();
    assertThat(Template.parse("${aws:username}").matches(ctx, "al*ce", 0, 5)).isTrue();
    assertThat(Template.parse("${aws:username}*").matches(ctx, "al*ce-and-more", 0, 14)).isTrue();
    assertThat(Template.parse("${aws:nothing}*").matches(ctx, "anything", 0, 8)).isFalse();
    assertThat(Template.parse("${aws:nothing, 'x'}${*}").equalsText(ctx, "x*", false)).isTrue();
    assertThat(Template.parse("A-${aws:username}").equalsText(ctx, "a-AL*CE", true)).isTrue();
    assertThat(Template.parse("A-${aws:username}").equalsText(ctx, "a-AL*CE", false)).isFalse();
  }

  @Test
  void arnsSplitIntoSixPartsKeepingColonsInTheLast() {
    assertThat(Values.splitArn("arn:aws:logs:us-east-1:123456789012:log-group:g:*"))
        .containsExactly("arn", "aws", "logs", "us-east-1", "123456789012", "log-group:g:*");
    assertThat(Values.splitArn("arn:aws:s3:::bucket"))
        .containsExactly("arn", "aws", "s3", "", "", "bucket");
    assertThat(Values.splitArn("arn:aws:s3::bucket")).isNull();
  }

  @Test
  void templatesSubstituteLiterallyWithDefaultsAndSpecials() {
    RequestContext ctx =
        RequestContext.builder()
            .principal("arn:aws:iam::123456789012:user/a")
            .action("s3:GetObject")
            .resource("*")
            .put("aws:username", "a*b")
            .putMulti("aws:TagKeys", java.util.List.of("x"))
            .build();
    Template t =
        Template.parse("home/${AWS:UserName}/${aws:PrincipalTag/team, 'none'}/${*}${?}${$}");
    assertThat(t.resolveText(ctx)).isEqualTo("home/a*b/none/*?$");
    Glob g = t.resolveGlob(ctx);
    assertThat(g.matches("home/a*b/none/*?$")).isTrue();
    assertThat(g.matches("home/aXXb/none/*?$")).as("a substituted * is literal").isFalse();
    assertThat(Template.parse("${aws:TagKeys}").resolveText(ctx))
        .as("multivalued keys cannot be variables")
        .isNull();
    assertThat(Template.parse("no variables")).isNull();
  }
}
