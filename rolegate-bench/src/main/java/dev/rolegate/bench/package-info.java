/**
 * JMH benchmarks of the policy engine.
 *
 * <p>Build and run (from the repository root):
 *
 * <pre>
 * mvn -q -B -pl rolegate-bench -am package -DskipTests
 * java -jar rolegate-bench/target/benchmarks.jar PolicyEvaluationBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s -t 1 -prof gc
 * </pre>
 *
 * <p>{@code -prof gc} adds {@code gc.alloc.rate.norm}, the bytes allocated per operation; {@code
 * -prof stack} shows where the time goes. A single case: {@code
 * 'PolicyEvaluationBenchmark.typicalRole_decide'}. To check only the setup's assertions (every
 * case's decision and deciding statement), without measuring: {@code java -cp
 * rolegate-bench/target/benchmarks.jar dev.rolegate.bench.PolicyEvaluationBenchmark}. Results and
 * what limits each case: {@code docs/PERFORMANCE.md}.
 */
package dev.rolegate.bench;
