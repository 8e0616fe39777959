package dev.rolegate.core.iam;

import dev.rolegate.core.Ids;
import dev.rolegate.core.auth.Authorizer;
import dev.rolegate.core.policies.AwsManagedCatalog;
import dev.rolegate.core.port.Store;
import java.time.Clock;

/** What every IAM use case needs: the store, the authorizer, the catalog, ids and the clock. */
public record IamContext(
    Store store, Authorizer authorizer, AwsManagedCatalog catalog, Ids ids, Clock clock) {}
