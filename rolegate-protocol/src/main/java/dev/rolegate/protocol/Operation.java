package dev.rolegate.protocol;

import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.RequestInfo;
import java.util.List;

/** One IAM or STS action: binds its parameters, runs the use case, builds the result's elements. */
@FunctionalInterface
public interface Operation {
  /** The children of {@code <ActionResult>}, or null for actions without output. */
  List<Node> run(Call call);

  /** An authenticated call. */
  record Call(Caller caller, RequestInfo info, Params params) {}
}
