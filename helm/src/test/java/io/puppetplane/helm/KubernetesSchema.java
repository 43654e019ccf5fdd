package io.puppetplane.helm;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Checks a rendered manifest against the Kubernetes 1.33 API as fabric8's model has it (kubernetes-model 7.3.1,
 * generated from Kubernetes' OpenAPI): the apiVersion/kind pair must be one the chart is meant to use, every field
 * must exist where it stands (the model keeps unknown ones aside, which is what a mis-indented template produces)
 * and every value must have its field's type (no string where an integer belongs). Required fields and value
 * ranges are not checked: the API server's admission does that, and `helm lint` covers the chart's own rules.
 */
final class KubernetesSchema {

    private static final Map<String, Class<?>> KINDS = Map.of(
            "apps/v1 Deployment", Deployment.class,
            "v1 Service", Service.class,
            "v1 ConfigMap", ConfigMap.class,
            "v1 Secret", Secret.class,
            "v1 ServiceAccount", ServiceAccount.class,
            "policy/v1 PodDisruptionBudget", PodDisruptionBudget.class);

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private KubernetesSchema() {
    }

    /** The problems of one document, each naming where it is; empty when it conforms. */
    static List<String> problems(Map<String, Object> document) {
        String id = document.get("apiVersion") + " " + document.get("kind");
        Class<?> type = KINDS.get(id);
        if (type == null) {
            return List.of(id + " is not a kind this chart renders (known: " + KINDS.keySet() + ")");
        }
        Object typed;
        try {
            typed = STRICT.convertValue(document, type);
        } catch (IllegalArgumentException e) {
            return List.of(id + ": " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        unknownFields(typed, id, problems);
        return problems;
    }

    private static void unknownFields(Object value, String path, List<String> problems) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, problems));
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", problems);
            }
            return;
        }
        if (value == null || !value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object field = invoke(getter, value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (field instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": unknown field(s) " + extra.keySet());
                }
            } else {
                String name = getter.getName().substring(3);
                unknownFields(field, path + "." + Character.toLowerCase(name.charAt(0)) + name.substring(1),
                        problems);
            }
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + getter, e);
        }
    }
}
