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
  void arnsSplitIntoSixPartsKeepingColonsInTheLast() {
    assertThat(Values.splitArn("arn:aws:logs:us-east-1:123456789012:log-group:g:*"))
        .containsExactly("arn", "aws", "logs", "us-east-1", "123456789012", "log-group:g:*");
    assertThat(Values.splitArn("arn:aws:s3:::bucket")).containsExactly("arn", "aws", "s3", "", "", "bucket");
    assertThat(Values.splitArn("arn:aws:s3::bucket")).isNull();
  }

  @Test
  void templatesSubstituteLiterallyWithDefaultsAndSpecials() {
    RequestContext ctx =
        RequestContext.builder().principal("arn:aws:iam::123456789012:user/a").action("s3:GetObject").resource("*")
            .put("aws:username", "a*b").putMulti("aws:TagKeys", java.util.List.of("x")).build();
    Template t = Template.parse("home/${AWS:UserName}/${aws:PrincipalTag/team, 'none'}/${*}${?}${$}");
    assertThat(t.resolveText(ctx)).isEqualTo("home/a*b/none/*?$");
    Glob g = t.resolveGlob(ctx, false);
    assertThat(g.matches("home/a*b/none/*?$")).isTrue();
    assertThat(g.matches("home/aXXb/none/*?$")).as("a substituted * is literal").isFalse();
    assertThat(Template.parse("${aws:TagKeys}").resolveText(ctx)).as("multivalued keys cannot be variables").isNull();
    assertThat(Template.parse("no variables")).isNull();
  }
}
