package br.com.healthmed.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The applications' Dockerfiles, read instruction by instruction (continuation lines joined, comments dropped). */
class DockerfilesTest {

    record Instruction(String keyword, String arguments) {
    }

    private static List<Instruction> instructions(String side) throws IOException {
        Path file = RepositoryFiles.require(RepositoryFiles.ROOT.resolve(side).resolve("Dockerfile"));
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            String stripped = line.strip();
            if (stripped.startsWith("#") || (stripped.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (stripped.endsWith("\\")) {
                current.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            current.append(stripped);
            String text = current.toString().strip();
            current.setLength(0);
            if (!text.isEmpty()) {
                String[] parts = text.split("\\s+", 2);
                instructions.add(new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : ""));
            }
        }
        return instructions;
    }

    /** The instructions of the last stage: what the shipped image is made of. */
    private static List<Instruction> finalStage(List<Instruction> instructions) {
        int lastFrom = 0;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals("FROM")) {
                lastFrom = i;
            }
        }
        return instructions.subList(lastFrom, instructions.size());
    }

    private static List<String> arguments(List<Instruction> instructions, String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"command-side", "query-side"})
    void the_image_is_built_in_one_stage_and_shipped_from_another(String side) throws IOException {
        List<String> froms = arguments(instructions(side), "FROM");
        assertThat(froms).hasSizeGreaterThanOrEqualTo(2);
        assertThat(froms.getFirst()).startsWith("eclipse-temurin:25-jdk").containsIgnoringCase(" AS ");
        assertThat(arguments(instructions(side), "RUN")).anyMatch(run -> run.contains("./mvnw"))
                .anyMatch(run -> run.contains("-Djarmode=tools") && run.contains("extract --layers --launcher"));
    }

    /** Maven refuses to build a reactor when one of its modules' poms is missing, so a new module must be copied too. */
    @ParameterizedTest
    @ValueSource(strings = {"command-side", "query-side"})
    void the_build_stage_copies_the_pom_of_every_module_of_the_reactor(String side) throws IOException {
        String rootPom = Files.readString(RepositoryFiles.require(RepositoryFiles.ROOT.resolve("pom.xml")));
        List<String> modules = Pattern.compile("<module>([^<]+)</module>").matcher(rootPom).results()
                .map(match -> match.group(1).strip()).toList();
        assertThat(modules).isNotEmpty();
        List<String> copies = arguments(instructions(side), "COPY");
        for (String module : modules) {
            assertThat(copies).as("COPY of " + module + "/pom.xml").contains(module + "/pom.xml " + module + "/");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"command-side", "query-side"})
    void the_shipped_stage_runs_on_a_java_25_jre_without_build_tools(String side) throws IOException {
        List<Instruction> stage = finalStage(instructions(side));
        assertThat(stage.getFirst().arguments()).matches("eclipse-temurin:25-jre\\S*");
        assertThat(arguments(stage, "RUN")).noneMatch(run -> run.contains("mvn") || run.contains("apt-get install"));
        assertThat(arguments(stage, "COPY")).allMatch(copy -> copy.startsWith("--from=build /layers/"));
        assertThat(arguments(stage, "COPY")).hasSize(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"command-side", "query-side"})
    void the_process_runs_as_a_numeric_non_root_user(String side) throws IOException {
        List<String> users = arguments(finalStage(instructions(side)), "USER");
        assertThat(users).isNotEmpty();
        String user = users.getLast();
        assertThat(user).matches("\\d+(:\\d+)?");
        assertThat(Integer.parseInt(user.split(":")[0])).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"command-side", "query-side"})
    void docker_checks_the_readiness_probe(String side) throws IOException {
        List<String> healthchecks = arguments(finalStage(instructions(side)), "HEALTHCHECK");
        assertThat(healthchecks).hasSize(1);
        assertThat(healthchecks.getFirst()).contains("CMD", "/actuator/health/readiness");
    }

    @ParameterizedTest
    @ValueSource(strings = {"command-side", "query-side"})
    void the_jvm_sizes_itself_from_the_container_limit_and_dies_on_out_of_memory(String side) throws IOException {
        List<String> entrypoints = arguments(finalStage(instructions(side)), "ENTRYPOINT");
        assertThat(entrypoints).hasSize(1);
        assertThat(entrypoints.getFirst()).contains("-XX:MaxRAMPercentage=", "-XX:+ExitOnOutOfMemoryError",
                "org.springframework.boot.loader.launch.JarLauncher");
        assertThat(entrypoints.getFirst()).doesNotContain("-Xmx");
    }

    @ParameterizedTest
    @ValueSource(strings = {"command-side", "query-side"})
    void no_secret_is_copied_into_or_declared_in_the_image(String side) throws IOException {
        List<Instruction> all = instructions(side);
        for (String source : arguments(all, "COPY")) {
            assertThat(source).as("COPY " + source).doesNotContain(".env", ".pem", ".key", "secrets", ".local");
        }
        assertThat(arguments(all, "ADD")).isEmpty();
        for (String keyword : List.of("ENV", "ARG")) {
            assertThat(arguments(all, keyword)).as(keyword)
                    .noneMatch(value -> value.matches("(?i).*(PASSWORD|SECRET|PRIVATE|_KEY|TOKEN).*"));
        }
    }

    @Test
    void the_build_context_leaves_out_env_files_keys_and_local_data() throws IOException {
        List<String> ignored = Files.readAllLines(RepositoryFiles.require(RepositoryFiles.ROOT.resolve(".dockerignore")))
                .stream().map(String::strip).toList();
        assertThat(ignored).contains(".env", ".env.*", ".local/", ".git/", "**/target/", "**/*.pem");
    }
}
