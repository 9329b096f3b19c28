package app.assets.support;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.test.context.BootstrapUtils;

/**
 * Orders test classes so that those sharing one Spring context run one after another: first the
 * classes without Spring, then each context's classes together, the context shared by the most
 * classes first. With the context cache holding a single context
 * ({@code spring.test.context.cache.maxSize=1}), every context is then built once and closed as
 * soon as its last class has run, so no closed-over context keeps consuming queues or running
 * schedules beside the next one. The grouping key is Spring's own cache key, the merged context
 * configuration, so two classes share a group exactly when they share a context.
 */
public class ContextGroupsOrderer implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        var keys = new HashMap<ClassDescriptor, Object>();
        var sizes = new LinkedHashMap<Object, Integer>();
        for (var descriptor : context.getClassDescriptors()) {
            Object key = contextKey(descriptor.getTestClass());
            keys.put(descriptor, key);
            sizes.merge(key, 1, Integer::sum);
        }
        var firstName = new HashMap<Object, String>();
        for (var descriptor : sortedByName(context.getClassDescriptors())) {
            firstName.putIfAbsent(
                    keys.get(descriptor), descriptor.getTestClass().getName());
        }
        context.getClassDescriptors()
                .sort(Comparator.comparing((ClassDescriptor d) -> keys.get(d) != NO_SPRING)
                        .thenComparing(d -> -sizes.get(keys.get(d)))
                        .thenComparing(d -> firstName.get(keys.get(d)))
                        .thenComparing(d -> d.getTestClass().getName()));
    }

    private static final Object NO_SPRING = new Object();

    private static Object contextKey(Class<?> testClass) {
        if (!MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                .isPresent(SpringBootTest.class)) {
            return NO_SPRING;
        }
        return BootstrapUtils.resolveTestContextBootstrapper(testClass).buildMergedContextConfiguration();
    }

    private static List<? extends ClassDescriptor> sortedByName(List<? extends ClassDescriptor> descriptors) {
        return descriptors.stream()
                .sorted(Comparator.comparing(d -> d.getTestClass().getName()))
                .toList();
    }
}
