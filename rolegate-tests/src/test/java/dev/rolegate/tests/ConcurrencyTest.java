package dev.rolegate.tests;

import static dev.rolegate.tests.E2e.ACCOUNT;
import static dev.rolegate.tests.E2e.allow;
import static dev.rolegate.tests.E2e.assertAwsError;
import static dev.rolegate.tests.E2e.trust;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Issue 7 (item 8): concurrent writes through the real server. Two CreateRole calls with one name
 * give exactly one role and one EntityAlreadyExists; concurrent attaches and detaches leave
 * AttachmentCount equal to the attachments that exist.
 */
class ConcurrencyTest extends ServerTest {
  static final int THREADS = 8;

  ExecutorService pool;
  List<IamClient> clients;

  @BeforeEach
  void clientsAndThreads() {
    pool = Executors.newFixedThreadPool(THREADS);
    clients = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      clients.add(server.iam(server.rootCredentials()));
    }
  }

  @AfterEach
  void close() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    clients.forEach(IamClient::close);
  }

  /** Runs the tasks at once (released together), and returns what each returned or threw. */
  private List<Object> together(List<Callable<Object>> tasks) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Object>> futures = new ArrayList<>();
    for (Callable<Object> task : tasks) {
      futures.add(
          pool.submit(
              () -> {
                start.await();
                try {
                  return task.call();
                } catch (AwsServiceException e) {
                  return e;
                }
              }));
    }
    start.countDown();
    List<Object> out = new ArrayList<>();
    for (Future<Object> f : futures) {
      out.add(f.get(60, TimeUnit.SECONDS));
    }
    return out;
  }

  @Test
  void twoConcurrentCreateRoleCallsWithOneNameGiveOneRoleAndOneEntityAlreadyExists()
      throws Exception {
    String trust = trust("arn:aws:iam::" + ACCOUNT + ":root");
    for (int round = 0; round < 20; round++) {
      String name = "racer-" + round;
      List<Object> results =
          together(
              List.of(
                  () ->
                      clients
                          .get(0)
                          .createRole(b -> b.roleName(name).assumeRolePolicyDocument(trust))
                          .role()
                          .roleId(),
                  () ->
                      clients
                          .get(1)
                          .createRole(b -> b.roleName(name).assumeRolePolicyDocument(trust))
                          .role()
                          .roleId()));
      List<Object> created = results.stream().filter(r -> r instanceof String).toList();
      List<Object> refused =
          results.stream().filter(r -> r instanceof AwsServiceException).toList();
      assertThat(created).as("round %d: %s", round, results).hasSize(1);
      assertThat(refused).hasSize(1);
      assertAwsError(
          (AwsServiceException) refused.get(0),
          "EntityAlreadyExists",
          409,
          "Role with name " + name + " already exists.");
      assertThat(iam.getRole(b -> b.roleName(name)).role().roleId()).isEqualTo(created.get(0));
    }
    assertThat(iam.listRoles().roles()).hasSize(20);
  }

  @Test
  void concurrentAttachesAndDetachesKeepAttachmentCountEqualToTheAttachments() throws Exception {
    String arn =
        iam.createPolicy(b -> b.policyName("shared").policyDocument(allow("iam:ListRoles", "*")))
            .policy()
            .arn();
    String trust = trust("arn:aws:iam::" + ACCOUNT + ":root");
    for (int i = 0; i < THREADS; i++) {
      int n = i;
      iam.createRole(b -> b.roleName("role-" + n).assumeRolePolicyDocument(trust));
    }
    List<Callable<Object>> tasks = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      int n = i;
      IamClient client = clients.get(i);
      tasks.add(
          () -> {
            for (int k = 0; k < 10; k++) {
              client.attachRolePolicy(b -> b.roleName("role-" + n).policyArn(arn));
              client.attachRolePolicy(
                  b -> b.roleName("role-" + n).policyArn(arn)); // attaching twice changes nothing
              client.detachRolePolicy(b -> b.roleName("role-" + n).policyArn(arn));
            }
            if (n % 2 == 0) {
              client.attachRolePolicy(b -> b.roleName("role-" + n).policyArn(arn));
            }
            return "done";
          });
    }
    assertThat(together(tasks)).containsOnly("done");
    assertThat(iam.getPolicy(b -> b.policyArn(arn)).policy().attachmentCount())
        .isEqualTo(THREADS / 2);
    assertThat(iam.listEntitiesForPolicy(b -> b.policyArn(arn)).policyRoles())
        .extracting(r -> r.roleName())
        .containsExactly("role-0", "role-2", "role-4", "role-6");
  }

  @Test
  void concurrentAttachesOfOnePolicyToOneRoleCountOnce() throws Exception {
    String arn =
        iam.createPolicy(b -> b.policyName("once").policyDocument(allow("iam:ListRoles", "*")))
            .policy()
            .arn();
    iam.createRole(
        b ->
            b.roleName("app").assumeRolePolicyDocument(trust("arn:aws:iam::" + ACCOUNT + ":root")));
    List<Callable<Object>> tasks = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      IamClient client = clients.get(i);
      tasks.add(
          () -> {
            client.attachRolePolicy(b -> b.roleName("app").policyArn(arn));
            return "attached";
          });
    }
    assertThat(together(tasks)).containsOnly("attached");
    assertThat(iam.getPolicy(b -> b.policyArn(arn)).policy().attachmentCount()).isEqualTo(1);
    assertThat(iam.listAttachedRolePolicies(b -> b.roleName("app")).attachedPolicies()).hasSize(1);
  }
}
