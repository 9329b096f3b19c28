package app.assets.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.beans.Introspector;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Kubernetes manifests of deploy/k8s, rendered per overlay by {@code kubectl kustomize} (as a deploy renders them)
 * and checked offline, without a cluster:
 * <ul>
 * <li>every object binds to the Kubernetes API's own type for its apiVersion and kind (fabric8's model classes,
 * generated from the API's OpenAPI schema), with no field the API does not know anywhere in it: fabric8 keeps unknown
 * fields aside instead of failing, and the test fails on any;</li>
 * <li>the fields the API requires of the kinds used here are present (the model classes carry names and types, not
 * which are required, so the test states them), and values parse (quantities, ports, probe handlers);</li>
 * <li>every reference resolves: selectors select pods, the Service's target port and the Ingress's backend exist, the
 * autoscaler's target exists, ConfigMaps, claims and the service account are part of the render, and the Secrets
 * named are exactly the ones docs/operations/kubernetes.md tells operators to create, with the keys it lists;</li>
 * <li>what the runbooks promise: web pods run no schedules and consume no queues, workers do both, nodes leave Flyway
 * to the migration Job, and production runs with ASSETS_ENVIRONMENT=production.</li>
 * </ul>
 * Needs {@code kubectl} (Debian package kubectl); fails, never skips, without it. deploy/check-k8s.sh runs it.
 */
class KubernetesManifestsTest {

    private static final Path OVERLAYS = Path.of("deploy/k8s/overlays");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    /** Secrets operators create (docs/operations/kubernetes.md, "Secrets"), with the keys manifests read one by one. */
    private static final Map<String, Set<String>> EXTERNAL_SECRETS = Map.of(
            "assets-secrets",
                    Set.of(
                            "migration-database-username",
                            "migration-database-password",
                            "backup-database-username",
                            "backup-database-password",
                            "backup-upload-cmd"),
            "assets-tls", Set.of());

    private final KubernetesSerialization serialization = new KubernetesSerialization();
    private final List<String> problems = new ArrayList<>();

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void everyObjectIsValidForTheKubernetesApiAndEveryReferenceResolves(String overlay) throws Exception {
        var objects = parse(render(OVERLAYS.resolve(overlay)));

        assertThat(objects)
                .extracting(HasMetadata::getKind)
                .contains(
                        "Deployment",
                        "Job",
                        "Service",
                        "Ingress",
                        "HorizontalPodAutoscaler",
                        "PodDisruptionBudget",
                        "ConfigMap",
                        "NetworkPolicy",
                        "CronJob");
        for (var object : objects) {
            checkObject(object, objects);
        }
        checkRoles(objects, overlay);
        assertThat(problems).as("problems in the %s overlay", overlay).isEmpty();
    }

    /** kubectl kustomize's output; the backup CronJob's script comes from ops/, outside the kustomization. */
    static String render(Path kustomization) throws IOException, InterruptedException {
        var output = Files.createTempFile("kustomize-", ".yaml");
        try {
            Process process;
            try {
                process = new ProcessBuilder(
                                "kubectl",
                                "kustomize",
                                "--load-restrictor",
                                "LoadRestrictionsNone",
                                kustomization.toString())
                        .redirectOutput(output.toFile())
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
            } catch (IOException e) {
                throw new IllegalStateException(
                        "kubectl is needed to render deploy/k8s: apt-get install -y kubectl", e);
            }
            assertThat(process.waitFor(2, TimeUnit.MINUTES))
                    .as("kubectl kustomize finished")
                    .isTrue();
            assertThat(process.exitValue())
                    .as("kubectl kustomize %s", kustomization)
                    .isZero();
            return Files.readString(output, StandardCharsets.UTF_8);
        } finally {
            Files.delete(output);
        }
    }

    /** Each YAML document as the API type its apiVersion and kind name. */
    List<HasMetadata> parse(String yaml) {
        Object parsed = serialization.unmarshal(yaml);
        var documents = parsed instanceof List<?> list ? list : List.of(parsed);
        var objects = new ArrayList<HasMetadata>();
        for (Object document : documents) {
            if (document instanceof GenericKubernetesResource generic) {
                problems.add("not a known Kubernetes type: " + generic.getApiVersion() + " " + generic.getKind());
            } else if (document instanceof HasMetadata resource) {
                objects.add(resource);
            } else {
                problems.add("not a Kubernetes object: " + document);
            }
        }
        return objects;
    }

    private void checkObject(HasMetadata object, List<HasMetadata> all) {
        String where = object.getKind() + "/" + object.getMetadata().getName();
        unknownFields(object, where);
        require(object.getApiVersion(), where + ": apiVersion");
        var name = object.getMetadata().getName();
        if (name == null || name.length() > 63 || !DNS_LABEL.matcher(name).matches()) {
            problems.add(where + ": metadata.name must be a DNS label");
        }
        require(object.getMetadata().getNamespace(), where + ": metadata.namespace (the overlay sets it)");
        switch (object) {
            case Deployment deployment -> {
                var spec = deployment.getSpec();
                checkSelector(spec.getSelector(), spec.getTemplate(), where);
                checkPod(spec.getTemplate(), where, all, true);
            }
            case Job job -> checkJobPod(job.getSpec().getTemplate(), where, all);
            case CronJob cronJob -> {
                require(cronJob.getSpec().getSchedule(), where + ": spec.schedule");
                if (cronJob.getSpec().getSchedule() != null
                        && cronJob.getSpec().getSchedule().trim().split("\\s+").length != 5) {
                    problems.add(where + ": spec.schedule must have five fields");
                }
                checkJobPod(cronJob.getSpec().getJobTemplate().getSpec().getTemplate(), where, all);
            }
            case Service service -> checkService(service, where, all);
            case Ingress ingress -> checkIngress(ingress, where, all);
            case HorizontalPodAutoscaler hpa -> {
                var target = hpa.getSpec().getScaleTargetRef();
                if (target == null || find(all, target.getKind(), target.getName()) == null) {
                    problems.add(where + ": scaleTargetRef names no object of the render");
                }
                if (hpa.getSpec().getMaxReplicas() == null
                        || hpa.getSpec().getMaxReplicas()
                                < Objects.requireNonNullElse(hpa.getSpec().getMinReplicas(), 1)) {
                    problems.add(where + ": spec.maxReplicas missing or below minReplicas");
                }
            }
            case PodDisruptionBudget pdb -> {
                if (pods(all).stream().noneMatch(pod -> selects(pdb.getSpec().getSelector(), pod))) {
                    problems.add(where + ": selector matches no pod");
                }
            }
            case NetworkPolicy policy -> {
                require(policy.getSpec().getPodSelector(), where + ": spec.podSelector");
                var selector = policy.getSpec().getPodSelector();
                boolean everything = selector != null
                        && selector.getMatchLabels().isEmpty()
                        && selector.getMatchExpressions().isEmpty();
                if (!everything && pods(all).stream().noneMatch(pod -> selects(selector, pod))) {
                    problems.add(where + ": podSelector matches no pod");
                }
            }
            case PersistentVolumeClaim claim -> {
                if (claim.getSpec().getAccessModes().isEmpty()) {
                    problems.add(where + ": spec.accessModes");
                }
                quantity(claim.getSpec().getResources().getRequests().get("storage"), where + ": storage request");
            }
            default -> {
                // ConfigMap, ServiceAccount: nothing required beyond the name
            }
        }
    }

    private void checkSelector(LabelSelector selector, PodTemplateSpec template, String where) {
        if (selector == null || selector.getMatchLabels().isEmpty()) {
            problems.add(where + ": spec.selector.matchLabels is required");
        } else if (!selects(selector, template)) {
            problems.add(where + ": spec.selector does not select its own pod template");
        }
    }

    private void checkJobPod(PodTemplateSpec template, String where, List<HasMetadata> all) {
        var restartPolicy = template.getSpec().getRestartPolicy();
        if (!"Never".equals(restartPolicy) && !"OnFailure".equals(restartPolicy)) {
            problems.add(where + ": a Job's pods need restartPolicy Never or OnFailure");
        }
        checkPod(template, where, all, false);
    }

    private void checkPod(PodTemplateSpec template, String where, List<HasMetadata> all, boolean serving) {
        PodSpec pod = template.getSpec();
        if (pod.getContainers().isEmpty()) {
            problems.add(where + ": no containers");
        }
        if (pod.getServiceAccountName() != null && find(all, "ServiceAccount", pod.getServiceAccountName()) == null) {
            problems.add(where + ": service account " + pod.getServiceAccountName() + " is not in the render");
        }
        var volumes = new ArrayList<String>();
        for (var volume : pod.getVolumes()) {
            volumes.add(volume.getName());
            if (volume.getConfigMap() != null) {
                configMapKeys(all, volume.getConfigMap().getName(), where);
                volume.getConfigMap()
                        .getItems()
                        .forEach(item -> configMapKey(all, volume.getConfigMap().getName(), item.getKey(), where));
            }
            if (volume.getPersistentVolumeClaim() != null
                    && find(
                                    all,
                                    "PersistentVolumeClaim",
                                    volume.getPersistentVolumeClaim().getClaimName())
                            == null) {
                problems.add(where + ": claim "
                        + volume.getPersistentVolumeClaim().getClaimName() + " is not in the render");
            }
        }
        for (Container container : pod.getContainers()) {
            String at = where + " container " + container.getName();
            require(container.getName(), where + ": container name");
            require(container.getImage(), at + ": image");
            container.getVolumeMounts().forEach(mount -> {
                if (!volumes.contains(mount.getName())) {
                    problems.add(at + ": mounts unknown volume " + mount.getName());
                }
            });
            var ports = container.getPorts().stream()
                    .map(port -> {
                        if (port.getContainerPort() == null
                                || port.getContainerPort() < 1
                                || port.getContainerPort() > 65535) {
                            problems.add(at + ": containerPort out of range");
                        }
                        return port.getName();
                    })
                    .toList();
            if (serving) {
                managementPort(template, container, all, at);
                probe(container.getStartupProbe(), ports, at + ": startupProbe");
                probe(container.getLivenessProbe(), ports, at + ": livenessProbe");
                probe(container.getReadinessProbe(), ports, at + ": readinessProbe");
            }
            resources(container, at);
            container.getEnvFrom().forEach(source -> {
                if (source.getConfigMapRef() != null) {
                    configMapKeys(all, source.getConfigMapRef().getName(), at);
                }
                if (source.getSecretRef() != null
                        && !EXTERNAL_SECRETS.containsKey(source.getSecretRef().getName())) {
                    problems.add(at + ": Secret " + source.getSecretRef().getName() + " is not one the runbook lists");
                }
            });
            container.getEnv().forEach(env -> {
                require(env.getName(), at + ": env name");
                var from = env.getValueFrom();
                if (from != null && from.getConfigMapKeyRef() != null) {
                    configMapKey(
                            all,
                            from.getConfigMapKeyRef().getName(),
                            from.getConfigMapKeyRef().getKey(),
                            at);
                }
                if (from != null && from.getSecretKeyRef() != null) {
                    var keys = EXTERNAL_SECRETS.get(from.getSecretKeyRef().getName());
                    if (keys == null || !keys.contains(from.getSecretKeyRef().getKey())) {
                        problems.add(
                                at + ": Secret key " + from.getSecretKeyRef().getName() + "/"
                                        + from.getSecretKeyRef().getKey() + " is not one the runbook lists");
                    }
                }
            });
        }
    }

    /**
     * Actuator answers on the management port only (MANAGEMENT_SERVER_PORT of the ConfigMap): the scrape annotation
     * and the probes must name it, and it must be another port than the one the Service routes users to.
     */
    private void managementPort(PodTemplateSpec template, Container container, List<HasMetadata> all, String at) {
        var management = container.getPorts().stream()
                .filter(port -> "management".equals(port.getName()))
                .findFirst();
        if (management.isEmpty()) {
            problems.add(at + ": no container port named management (actuator's port)");
            return;
        }
        String number = String.valueOf(management.get().getContainerPort());
        var configured = container.getEnvFrom().stream()
                .filter(source -> source.getConfigMapRef() != null)
                .map(source -> (ConfigMap)
                        find(all, "ConfigMap", source.getConfigMapRef().getName()))
                .filter(Objects::nonNull)
                .map(config -> config.getData().get("MANAGEMENT_SERVER_PORT"))
                .filter(Objects::nonNull)
                .toList();
        if (!configured.equals(List.of(number))) {
            problems.add(at + ": the management port " + number + " is not MANAGEMENT_SERVER_PORT of assets-config");
        }
        var annotations = template.getMetadata().getAnnotations();
        if (annotations != null
                && "true".equals(annotations.get("prometheus.io/scrape"))
                && !number.equals(annotations.get("prometheus.io/port"))) {
            problems.add(at + ": prometheus.io/port should be the management port " + number);
        }
        for (var probe : Stream.of(
                        container.getStartupProbe(), container.getLivenessProbe(), container.getReadinessProbe())
                .filter(Objects::nonNull)
                .toList()) {
            if (probe.getHttpGet() != null
                    && !"management".equals(probe.getHttpGet().getPort().getStrVal())) {
                problems.add(at + ": a probe asks another port than management (actuator answers only there)");
            }
        }
    }

    private void probe(Probe probe, List<String> ports, String where) {
        if (probe == null) {
            problems.add(where + " is missing");
            return;
        }
        long handlers = Stream.of(probe.getHttpGet(), probe.getTcpSocket(), probe.getExec(), probe.getGrpc())
                .filter(Objects::nonNull)
                .count();
        if (handlers != 1) {
            problems.add(where + ": exactly one handler (httpGet, tcpSocket, exec, grpc) is required");
        }
        if (probe.getHttpGet() != null) {
            var port = probe.getHttpGet().getPort();
            if (port == null || (port.getStrVal() != null && !ports.contains(port.getStrVal()))) {
                problems.add(where + ": port names no container port");
            }
            var path = probe.getHttpGet().getPath();
            if (path == null || !path.startsWith("/actuator/health/")) {
                problems.add(where + ": should ask a health group of Spring Boot's actuator, not " + path);
            }
        }
    }

    private void resources(Container container, String where) {
        var resources = container.getResources();
        if (resources == null) {
            problems.add(where + ": resources missing");
            return;
        }
        var cpu = quantity(resources.getRequests().get("cpu"), where + ": cpu request");
        var memory = quantity(resources.getRequests().get("memory"), where + ": memory request");
        var memoryLimit = quantity(resources.getLimits().get("memory"), where + ": memory limit");
        if (cpu != null && cpu.signum() <= 0) {
            problems.add(where + ": cpu request must be positive");
        }
        if (memory != null && memoryLimit != null && memory.compareTo(memoryLimit) > 0) {
            problems.add(where + ": memory request above its limit");
        }
    }

    private java.math.BigDecimal quantity(Quantity quantity, String where) {
        if (quantity == null) {
            problems.add(where + " missing");
            return null;
        }
        try {
            return quantity.getNumericalAmount();
        } catch (ArithmeticException | IllegalArgumentException e) {
            problems.add(where + ": not a quantity: " + quantity);
            return null;
        }
    }

    private void checkService(Service service, String where, List<HasMetadata> all) {
        var selected = pods(all).stream()
                .filter(pod -> pod.getMetadata()
                        .getLabels()
                        .entrySet()
                        .containsAll(service.getSpec().getSelector().entrySet()))
                .toList();
        if (service.getSpec().getSelector().isEmpty() || selected.isEmpty()) {
            problems.add(where + ": selector matches no pod");
        }
        for (var port : service.getSpec().getPorts()) {
            if (port.getPort() == null) {
                problems.add(where + ": ports[].port is required");
            }
            var target = port.getTargetPort();
            if (target != null
                    && target.getStrVal() != null
                    && selected.stream()
                            .noneMatch(pod -> pod.getSpec().getContainers().stream()
                                    .flatMap(c -> c.getPorts().stream())
                                    .anyMatch(p -> target.getStrVal().equals(p.getName())))) {
                problems.add(where + ": targetPort " + target.getStrVal() + " names no port of the selected pods");
            }
        }
    }

    private void checkIngress(Ingress ingress, String where, List<HasMetadata> all) {
        var annotations = ingress.getMetadata().getAnnotations();
        if (!"cookie".equals(annotations.get("nginx.ingress.kubernetes.io/affinity"))) {
            problems.add(where + ": Vaadin needs sticky sessions (nginx.ingress.kubernetes.io/affinity: cookie)");
        }
        ingress.getSpec().getTls().forEach(tls -> {
            if (!EXTERNAL_SECRETS.containsKey(tls.getSecretName())) {
                problems.add(where + ": TLS Secret " + tls.getSecretName() + " is not one the runbook lists");
            }
        });
        for (var rule : ingress.getSpec().getRules()) {
            for (var path : rule.getHttp().getPaths()) {
                require(path.getPathType(), where + ": pathType");
                var backend = path.getBackend().getService();
                var service = (Service) find(all, "Service", backend.getName());
                if (service == null) {
                    problems.add(where + ": backend Service " + backend.getName() + " is not in the render");
                } else if (service.getSpec().getPorts().stream()
                        .noneMatch(p -> Objects.equals(
                                        p.getName(), backend.getPort().getName())
                                || Objects.equals(p.getPort(), backend.getPort().getNumber()))) {
                    problems.add(where + ": backend port is not a port of Service " + backend.getName());
                }
            }
        }
    }

    /** The promises of docs/operations/scaling.md and kubernetes.md. */
    private void checkRoles(List<HasMetadata> all, String overlay) {
        var config = (ConfigMap) find(all, "ConfigMap", "assets-config");
        assertThat(config).as("ConfigMap assets-config").isNotNull();
        assertThat(config.getData())
                .containsEntry("SPRING_FLYWAY_ENABLED", "false")
                .containsEntry("ASSETS_FORWARD_HEADERS", "native")
                .containsEntry("ASSETS_IDENTITY_DEMO_ACCOUNTS", "false");
        if (overlay.equals("production")) {
            assertThat(config.getData()).containsEntry("ASSETS_ENVIRONMENT", "production");
        }
        assertThat(env((Deployment) find(all, "Deployment", "assets-web")))
                .containsEntry("ASSETS_SCHEDULING_ENABLED", "false")
                .containsEntry("ASSETS_NOTIFICATIONS_CONSUMERS", "false");
        assertThat(env((Deployment) find(all, "Deployment", "assets-worker")))
                .containsEntry("ASSETS_SCHEDULING_ENABLED", "true")
                .containsEntry("ASSETS_NOTIFICATIONS_CONSUMERS", "true");
        var migrate = (Job) find(all, "Job", "assets-migrate");
        assertThat(migrate.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getCommand())
                // the classpath file Jib writes into the image (docs/operations/container-image.md)
                .containsSubsequence("-cp", "@/app/jib-classpath-file", "app.assets.base.infra.MigrateOnly");
        var images = pods(all).stream()
                .flatMap(pod -> pod.getSpec().getContainers().stream())
                .map(Container::getImage)
                .filter(image -> image.contains("assets"))
                .distinct()
                .toList();
        assertThat(images).as("web, worker and migration run one image").hasSize(1);
    }

    private static Map<String, String> env(Deployment deployment) {
        var env = new java.util.HashMap<String, String>();
        deployment
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst()
                .getEnv()
                .forEach(variable -> env.put(variable.getName(), variable.getValue()));
        return env;
    }

    private static List<PodTemplateSpec> pods(List<HasMetadata> all) {
        var pods = new ArrayList<PodTemplateSpec>();
        for (var object : all) {
            switch (object) {
                case Deployment deployment -> pods.add(deployment.getSpec().getTemplate());
                case Job job -> pods.add(job.getSpec().getTemplate());
                case CronJob cronJob ->
                    pods.add(cronJob.getSpec().getJobTemplate().getSpec().getTemplate());
                default -> {}
            }
        }
        return pods;
    }

    private static boolean selects(LabelSelector selector, PodTemplateSpec pod) {
        if (selector == null) {
            return false;
        }
        var labels = pod.getMetadata().getLabels();
        boolean labelsMatch =
                labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
        boolean expressionsMatch = selector.getMatchExpressions().stream()
                .allMatch(expression -> switch (expression.getOperator()) {
                    case "In" -> expression.getValues().contains(labels.get(expression.getKey()));
                    case "NotIn" -> !expression.getValues().contains(labels.get(expression.getKey()));
                    case "Exists" -> labels.containsKey(expression.getKey());
                    case "DoesNotExist" -> !labels.containsKey(expression.getKey());
                    default -> false;
                });
        return labelsMatch && expressionsMatch;
    }

    private void configMapKeys(List<HasMetadata> all, String name, String where) {
        if (find(all, "ConfigMap", name) == null) {
            problems.add(where + ": ConfigMap " + name + " is not in the render");
        }
    }

    private void configMapKey(List<HasMetadata> all, String name, String key, String where) {
        var configMap = (ConfigMap) find(all, "ConfigMap", name);
        if (configMap == null) {
            problems.add(where + ": ConfigMap " + name + " is not in the render");
        } else if (!configMap.getData().containsKey(key)) {
            problems.add(where + ": ConfigMap " + name + " has no key " + key);
        }
    }

    private static HasMetadata find(List<HasMetadata> all, String kind, String name) {
        return all.stream()
                .filter(o ->
                        o.getKind().equals(kind) && o.getMetadata().getName().equals(name))
                .findFirst()
                .orElse(null);
    }

    private void require(Object value, String what) {
        if (value == null || (value instanceof String text && text.isBlank())) {
            problems.add(what + " is required");
        }
    }

    /** Every field fabric8 could not place in the API type (a typo, a wrong indent, a field of another version). */
    private void unknownFields(Object value, String path) {
        if (value == null
                || value instanceof String
                || value instanceof Number
                || value instanceof Boolean
                || value instanceof Enum<?>
                || value instanceof Quantity) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> unknownFields(item, path + "." + key));
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (var item : items) {
                unknownFields(item, path + "[" + i++ + "]");
            }
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        try {
            for (var property :
                    Introspector.getBeanInfo(value.getClass(), Object.class).getPropertyDescriptors()) {
                var getter = property.getReadMethod();
                if (getter == null || getter.getParameterCount() > 0) {
                    continue;
                }
                Object child = getter.invoke(value);
                if (property.getName().equals("additionalProperties")) {
                    if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        problems.add(path + ": fields the API does not know, or of the wrong type: " + extra.keySet());
                    }
                } else {
                    unknownFields(child, path + "." + property.getName());
                }
            }
        } catch (java.beans.IntrospectionException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("could not read " + path, e);
        }
    }
}
