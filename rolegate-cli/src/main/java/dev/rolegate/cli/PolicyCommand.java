package dev.rolegate.cli;

import dev.rolegate.core.auth.AccessDenied;
import dev.rolegate.policy.CompiledPolicy;
import dev.rolegate.policy.EvaluationResult;
import dev.rolegate.policy.Evaluator;
import dev.rolegate.policy.Explanation;
import dev.rolegate.policy.Finding;
import dev.rolegate.policy.Policies;
import dev.rolegate.policy.PolicyKind;
import dev.rolegate.policy.PolicySet;
import dev.rolegate.policy.RequestContext;
import dev.rolegate.policy.StatementRef;
import dev.rolegate.policy.batch.BatchEvaluator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rolegate policy ...}: the policy engine offline, for people testing policies in CI. */
@Command(
    name = "policy",
    description = "Validate and evaluate IAM policies offline.",
    mixinStandardHelpOptions = true,
    subcommands = {
      PolicyCommand.Validate.class,
      PolicyCommand.Eval.class,
      PolicyCommand.EvalJsonl.class,
      PolicyCommand.Test.class
    })
final class PolicyCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = {
        "Check policy files; prints file:line:col: error|warning: message [AWS's message].",
        "Exit status: 0 no errors, 1 errors found, 2 a file could not be read."
      })
  static final class Validate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--kind",
        defaultValue = "identity",
        description =
            "identity, resource, trust, session, permissions-boundary or scp (default: ${DEFAULT-VALUE})")
    String kind;

    @Option(
        names = "--managed",
        description = "Apply CreatePolicy's rules too (Version 2012-10-17 required).")
    boolean managed;

    @Option(names = "--quiet", description = "Print errors only, not warnings.")
    boolean quiet;

    @Parameters(arity = "1..*", paramLabel = "FILE")
    List<Path> files;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      PolicyKind k;
      try {
        k = PolicyKind.fromText(kind);
      } catch (IllegalArgumentException e) {
        err.println("rolegate policy validate: " + e.getMessage());
        return 2;
      }
      int errors = 0;
      boolean unreadable = false;
      for (Path f : files) {
        String text;
        try {
          text = read(f);
        } catch (IOException e) {
          err.println(f + ": cannot read: " + describe(e));
          unreadable = true;
          continue;
        }
        Policies.Checked checked = Policies.check(text, k, managed);
        for (Finding finding : checked.findings()) {
          if (quiet && !finding.isError()) {
            continue;
          }
          out.println(f + ":" + finding.format());
        }
        errors += checked.errors().size();
      }
      out.flush();
      return unreadable ? 2 : errors > 0 ? 1 : 0;
    }
  }

  static String describe(IOException e) {
    return e instanceof NoSuchFileException ? "no such file" : e.getMessage();
  }

  @Command(
      name = "eval",
      mixinStandardHelpOptions = true,
      description = {
        "Evaluate one request against policy files and print the decision, why, and with --explain every statement.",
        "The context is complete as given: the engine adds no keys. Give a key twice for a multivalued key.",
        "Exit status: 0 a decision was printed (whatever it is), 2 bad input."
      })
  static final class Eval implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--identity",
        arity = "1..*",
        paramLabel = "FILE",
        description = "Identity-based policies.")
    List<Path> identity = new ArrayList<>();

    @Option(
        names = "--resource",
        paramLabel = "FILE",
        description = "The resource-based policy (the trust policy for sts:AssumeRole*).")
    Path resource;

    @Option(names = "--boundary", paramLabel = "FILE", description = "The permissions boundary.")
    Path boundary;

    @Option(
        names = "--session",
        arity = "1..*",
        paramLabel = "FILE",
        description = "Session policies.")
    List<Path> session = new ArrayList<>();

    @Option(
        names = "--scp",
        arity = "1..*",
        paramLabel = "FILE",
        description = "SCPs, one per organization level, root first.")
    List<Path> scps = new ArrayList<>();

    @Option(names = "--principal", required = true, paramLabel = "ARN")
    String principal;

    @Option(names = "--action", required = true, paramLabel = "ACTION")
    String action;

    @Option(names = "--resource-arn", required = true, paramLabel = "ARN")
    String resourceArn;

    @Option(
        names = "--resource-account",
        paramLabel = "ACCOUNT",
        description = "Default: the resource ARN's account, else the principal's.")
    String resourceAccount;

    @Option(
        names = "--context",
        paramLabel = "KEY=VALUE",
        description = "A condition key; repeat a key for several values.")
    List<String> context = new ArrayList<>();

    @Option(names = "--explain", description = "Show every statement and condition.")
    boolean explain;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try {
        boolean trust = Evaluator.resourcePolicyIsTrustPolicy(action);
        List<CompiledPolicy> ids = new ArrayList<>();
        for (Path p : identity) {
          ids.add(load(p, PolicyKind.IDENTITY));
        }
        List<CompiledPolicy> sessions = new ArrayList<>();
        for (Path p : session) {
          sessions.add(load(p, PolicyKind.SESSION));
        }
        List<List<CompiledPolicy>> levels = new ArrayList<>();
        for (Path p : scps) {
          levels.add(List.of(load(p, PolicyKind.SCP)));
        }
        PolicySet set =
            new PolicySet(
                ids,
                resource == null
                    ? null
                    : load(resource, trust ? PolicyKind.TRUST : PolicyKind.RESOURCE),
                boundary == null ? null : load(boundary, PolicyKind.PERMISSIONS_BOUNDARY),
                sessions,
                levels);
        RequestContext.Builder b =
            RequestContext.builder()
                .principal(principal)
                .action(action)
                .resource(resourceArn)
                .resourceAccount(resourceAccount);
        Map<String, List<String>> keys = new LinkedHashMap<>();
        for (String kv : context) {
          int eq = kv.indexOf('=');
          if (eq <= 0) {
            err.println("rolegate policy eval: --context wants KEY=VALUE, not \"" + kv + "\"");
            return 2;
          }
          keys.computeIfAbsent(kv.substring(0, eq), k -> new ArrayList<>())
              .add(kv.substring(eq + 1));
        }
        keys.forEach(
            (k, v) -> {
              if (v.size() == 1) {
                b.put(k, v.get(0));
              } else {
                b.putMulti(k, v);
              }
            });
        EvaluationResult r = Evaluator.evaluate(set, b.build(), explain);
        out.println(r.decision().text());
        if (r.reason() != null) {
          out.println(
              "  " + AccessDenied.clause(principal, action, resourceArn, r.reasonClause(action)));
        }
        for (StatementRef s : r.deciding()) {
          out.println(
              "  decided by " + s.type().phrase() + " " + s.label() + " at " + s.position());
        }
        if (explain) {
          for (Explanation.StatementTrace t : r.explanation().statements()) {
            out.println(
                "  "
                    + t.statement().type().phrase()
                    + " "
                    + t.statement().label()
                    + " ("
                    + (t.effect() == null ? "?" : t.effect().text())
                    + ", "
                    + t.statement().position()
                    + "): "
                    + (t.applies() ? "applies" : "does not apply")
                    + " [action "
                    + yes(t.actionMatched())
                    + ", resource "
                    + yes(t.resourceMatched())
                    + (t.principalMatched() == null
                        ? ""
                        : ", principal " + yes(t.principalMatched()))
                    + "]");
            for (Explanation.ConditionTrace c : t.conditions()) {
              out.println(
                  "      "
                      + c.operator()
                      + " "
                      + c.key()
                      + ": request "
                      + (c.requestValues() == null ? "(absent)" : c.requestValues())
                      + " vs policy "
                      + c.policyValues()
                      + " -> "
                      + c.result());
            }
          }
        }
        out.flush();
        return 0;
      } catch (BadInput e) {
        err.println("rolegate policy eval: " + e.getMessage());
        return 2;
      }
    }

    private static String yes(boolean b) {
      return b ? "matches" : "does not match";
    }

    private static CompiledPolicy load(Path file, PolicyKind kind) throws BadInput {
      String text;
      try {
        text = read(file);
      } catch (IOException e) {
        throw new BadInput(file + ": cannot read: " + describe(e));
      }
      Policies.Checked checked = Policies.check(text, kind);
      if (checked.hasErrors()) {
        StringBuilder b = new StringBuilder(file + " is not a valid " + kind.text() + " policy:");
        for (Finding f : checked.errors()) {
          b.append("\n  ").append(file).append(':').append(f.format());
        }
        throw new BadInput(b.toString());
      }
      return checked.compile(file.toString());
    }
  }

  static final class BadInput extends Exception {
    private static final long serialVersionUID = 1L;

    BadInput(String message) {
      super(message, null, false, false);
    }
  }

  @Command(
      name = "eval-jsonl",
      mixinStandardHelpOptions = true,
      description = {
        "Read cases as JSON Lines on stdin, write {\"id\", \"decision\"} per line (and \"explanation\" with --explain).",
        "A line that is not a valid case gets {\"id\", \"error\"}. See docs/POLICY-ENGINE.md for the format."
      })
  static final class EvalJsonl implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--explain", description = "Add each decision's explanation.")
    boolean explain;

    @Override
    public Integer call() throws IOException {
      BatchEvaluator batch = new BatchEvaluator();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16);
      PrintWriter out = spec.commandLine().getOut();
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        out.write(BatchEvaluator.toJson(batch.evaluate(line, explain), explain));
        out.write('\n');
      }
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "test",
      mixinStandardHelpOptions = true,
      description = {
        "Run cases (the eval-jsonl format with an \"expected\" field) and print a pass/fail summary.",
        "Exit status: 0 all passed, 1 a case failed or is invalid, 2 a file could not be read."
      })
  static final class Test implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--explain", description = "Explain each failure.")
    boolean explain;

    @Parameters(arity = "1..*", paramLabel = "FILE.jsonl")
    List<Path> files;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      BatchEvaluator batch = new BatchEvaluator();
      int passed = 0;
      int failed = 0;
      for (Path f : files) {
        List<String> lines;
        try {
          lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
          err.println(f + ": cannot read: " + describe(e));
          return 2;
        }
        for (int i = 0; i < lines.size(); i++) {
          if (lines.get(i).isBlank()) {
            continue;
          }
          BatchEvaluator.Outcome o = batch.evaluate(lines.get(i), explain);
          String where = f + ":" + (i + 1) + ": " + (o.id() == null ? "(no id)" : o.id());
          if (o.error() != null) {
            out.println("FAIL " + where + ": " + o.error());
            failed++;
          } else if (o.expected() == null) {
            out.println("FAIL " + where + ": no \"expected\" decision");
            failed++;
          } else if (!o.passed()) {
            out.println(
                "FAIL " + where + ": expected " + o.expected() + ", got " + o.decision().text());
            if (explain) {
              out.println("     " + BatchEvaluator.toJson(o, true));
            }
            failed++;
          } else {
            passed++;
          }
        }
      }
      out.println(passed + " passed, " + failed + " failed");
      out.flush();
      return failed > 0 ? 1 : 0;
    }
  }
}
