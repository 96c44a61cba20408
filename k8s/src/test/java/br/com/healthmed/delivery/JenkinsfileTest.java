package br.com.healthmed.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.GStringExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.Phases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Jenkinsfile parsed as Groovy (syntax tree, not text search): stages, credentials, rollback, reports. */
class JenkinsfileTest {

    private static final List<String> STAGES = List.of("Checkout", "Build and unit tests", "Integration tests",
            "Static checks", "Build and push images", "Deploy to staging", "Smoke test", "Approval",
            "Deploy to production");
    private static final List<String> CREDENTIAL_BINDINGS =
            List.of("usernamePassword", "string", "file", "sshUserPrivateKey", "usernameColonPassword");

    /** One method call of the script, with the names of the calls it sits in (outermost first). */
    record Call(String name, List<String> enclosing, MethodCallExpression expression) {

        String firstStringArgument() {
            if (expression.getArguments() instanceof TupleExpression tuple && !tuple.getExpressions().isEmpty()
                    && tuple.getExpression(0) instanceof ConstantExpression constant) {
                return String.valueOf(constant.getValue());
            }
            return null;
        }

        boolean hasNamedArgument(String key) {
            if (expression.getArguments() instanceof TupleExpression tuple) {
                for (Expression argument : tuple.getExpressions()) {
                    if (argument instanceof MapExpression map && map.getMapEntryExpressions().stream()
                            .anyMatch(entry -> entry.getKeyExpression().getText().equals(key))) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private static final List<Call> CALLS = new ArrayList<>();
    private static final Map<String, List<String>> STRINGS_BY_METHOD = new LinkedHashMap<>();
    private static final List<String> SCRIPT_METHODS = new ArrayList<>();

    private static final class Collector extends CodeVisitorSupport {

        private final Deque<String> enclosing = new ArrayDeque<>();
        private final List<String> strings;

        Collector(List<String> strings) {
            this.strings = strings;
        }

        @Override
        public void visitMethodCallExpression(MethodCallExpression call) {
            String name = call.getMethodAsString();
            CALLS.add(new Call(name, List.copyOf(enclosing.reversed()), call));
            enclosing.push(name == null ? "?" : name);
            super.visitMethodCallExpression(call);
            enclosing.pop();
        }

        @Override
        public void visitConstantExpression(ConstantExpression expression) {
            if (expression.getValue() instanceof String text) {
                strings.add(text);
            }
            super.visitConstantExpression(expression);
        }

        @Override
        public void visitGStringExpression(GStringExpression expression) {
            strings.add(expression.getText());
            super.visitGStringExpression(expression);
        }
    }

    @BeforeAll
    static void parseTheJenkinsfile() throws IOException {
        String text = Files.readString(RepositoryFiles.require(RepositoryFiles.ROOT.resolve("Jenkinsfile")));
        CompilationUnit unit = new CompilationUnit();
        unit.addSource("Jenkinsfile.groovy", text);
        unit.compile(Phases.CONVERSION);
        ModuleNode module = unit.getAST().getModules().getFirst();
        module.getStatementBlock().visit(new Collector(STRINGS_BY_METHOD.computeIfAbsent("<script>", k -> new ArrayList<>())));
        for (MethodNode method : module.getMethods()) {
            SCRIPT_METHODS.add(method.getName());
            method.getCode().visit(new Collector(STRINGS_BY_METHOD.computeIfAbsent(method.getName(), k -> new ArrayList<>())));
        }
    }

    private static List<Call> calls(String name) {
        return CALLS.stream().filter(call -> name.equals(call.name())).toList();
    }

    private static List<String> stagesInOrder() {
        return calls("stage").stream().map(Call::firstStringArgument).toList();
    }

    /** The calls made inside one stage's closure, found by the stage call being their ancestor. */
    private static List<Call> insideStage(String stage) {
        Call stageCall = calls("stage").stream().filter(call -> stage.equals(call.firstStringArgument())).findFirst()
                .orElseThrow(() -> new AssertionError("no stage " + stage));
        List<Call> inside = new ArrayList<>();
        int depth = stageCall.enclosing().size();
        boolean within = false;
        for (Call call : CALLS) {
            if (call == stageCall) {
                within = true;
                continue;
            }
            if (within) {
                if (call.enclosing().size() <= depth) {
                    break;
                }
                inside.add(call);
            }
        }
        return inside;
    }

    @Test
    void it_is_a_declarative_pipeline() {
        assertThat(calls("pipeline")).hasSize(1);
        assertThat(calls("stages")).hasSize(1);
        assertThat(calls("stages").getFirst().enclosing()).containsExactly("pipeline");
    }

    @Test
    void the_stages_are_the_delivery_steps_in_order() {
        assertThat(stagesInOrder()).containsExactlyElementsOf(STAGES);
    }

    @Test
    void unit_tests_run_before_integration_tests_and_images_are_tagged_with_the_commit() {
        assertThat(STRINGS_BY_METHOD.get("<script>")).anyMatch(s -> s.contains("./mvnw") && s.contains("package"))
                .anyMatch(s -> s.contains("./mvnw") && s.contains("verify"))
                .anyMatch(s -> s.contains("git rev-parse"))
                .anyMatch(s -> s.contains("docker push") && s.contains(":$IMAGE_TAG"));
    }

    @Test
    void credentials_are_bound_only_by_with_credentials_or_the_credentials_helper() {
        List<Call> bindings = CALLS.stream().filter(call -> CREDENTIAL_BINDINGS.contains(call.name())
                && call.hasNamedArgument("credentialsId")).toList();
        assertThat(bindings).as("credential bindings").isNotEmpty();
        for (Call binding : bindings) {
            assertThat(binding.enclosing()).as(binding.name() + " outside withCredentials").contains("withCredentials");
        }
        for (Call helper : calls("credentials")) {
            assertThat(helper.enclosing()).as("credentials() outside environment").contains("environment");
        }
        List<Call> allUses = CALLS.stream().filter(call -> call.hasNamedArgument("credentialsId")).toList();
        assertThat(allUses).allMatch(call -> call.enclosing().contains("withCredentials"));
    }

    @Test
    void no_secret_is_written_into_the_pipeline() {
        List<String> all = STRINGS_BY_METHOD.values().stream().flatMap(List::stream).toList();
        assertThat(all).noneMatch(s -> s.matches("(?s).*--password[ =](?!-stdin).*"));
        assertThat(all).noneMatch(s -> s.matches("(?s).*-p\\s+\\S+.*docker login.*|(?s).*docker login.*\\s-p\\s.*"));
        assertThat(all).noneMatch(s -> s.contains("BEGIN") && s.contains("KEY"));
        assertThat(all).filteredOn(s -> s.contains("docker login")).allMatch(s -> s.contains("--password-stdin"));
    }

    @Test
    void staging_and_production_are_deployed_with_kustomize_and_waited_for() {
        List<String> deployStrings = STRINGS_BY_METHOD.get("deploy");
        assertThat(deployStrings).as("the deploy method").isNotNull();
        assertThat(deployStrings).anyMatch(s -> s.contains("kubectl apply -k k8s/overlays/"))
                .anyMatch(s -> s.contains("rollout status") && s.contains("--timeout="));
        assertThat(insideStage("Deploy to staging")).anyMatch(call -> call.name().equals("deploy")
                && call.expression().getArguments().getText().contains("dev")
                && call.expression().getArguments().getText().contains("STAGING_NAMESPACE"));
        assertThat(insideStage("Deploy to production")).anyMatch(call -> call.name().equals("deploy")
                && call.expression().getArguments().getText().contains("prod")
                && call.expression().getArguments().getText().contains("PRODUCTION_NAMESPACE"));
    }

    @Test
    void a_failed_rollout_or_smoke_test_rolls_the_deployments_back() {
        assertThat(SCRIPT_METHODS).contains("rollBack");
        assertThat(STRINGS_BY_METHOD.get("rollBack")).anyMatch(s -> s.contains("kubectl") && s.contains("rollout undo"));
        for (String stage : List.of("Deploy to staging", "Smoke test", "Deploy to production")) {
            assertThat(insideStage(stage)).as(stage)
                    .anyMatch(call -> call.name().equals("rollBack")
                            && call.enclosing().containsAll(List.of("post", "failure")));
        }
    }

    @Test
    void the_smoke_test_runs_the_api_examples_against_staging() {
        assertThat(insideStage("Smoke test"))
                .anyMatch(call -> call.name().equals("sh")
                        && call.expression().getArguments().getText().contains("br.com.healthmed.query.flow.ApiExamples")
                        && call.expression().getArguments().getText().contains("STAGING_URL"));
        assertThat(RepositoryFiles.require(RepositoryFiles.ROOT.resolve("docs/api-examples.http"))).isRegularFile();
    }

    @Test
    void production_waits_for_a_person_to_approve() {
        List<Call> approval = insideStage("Approval");
        assertThat(approval).anyMatch(call -> call.name().equals("input"));
        assertThat(approval).anyMatch(call -> call.name().equals("message"));
    }

    @Test
    void the_smoke_test_first_checks_the_gateway_answers() {
        assertThat(insideStage("Smoke test")).anyMatch(call -> call.name().equals("sh")
                && call.expression().getArguments().getText().contains("deploy/smoke-test.sh"));
        assertThat(Files.isExecutable(RepositoryFiles.ROOT.resolve("deploy/smoke-test.sh"))).isTrue();
    }

    @Test
    void junit_and_jacoco_reports_are_published_whatever_the_outcome() {
        for (String step : List.of("junit", "jacoco")) {
            assertThat(calls(step)).as(step).anyMatch(call -> call.enclosing().containsAll(List.of("pipeline", "post", "always")));
        }
        Call junit = calls("junit").getFirst();
        String arguments = junit.expression().getArguments().getText();
        assertThat(arguments).contains("surefire-reports", "failsafe-reports");
    }
}
