package org.breakpilot.checkpoint.agent;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Byte Buddy half of the agent: which types and methods are instrumented, and with which advice.
 * Matchers are built once; each instrumented method gets its own advice with its number bound.
 */
final class CheckpointInstrumentation implements AdviceWeaver.Plan {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointInstrumentation.class);

    private final AgentOptions options;
    private final MethodRegistry registry;
    private final MethodFactsReader factsReader;
    private final ApplicationLibraries application;
    private final Advice.WithCustomMapping adviceMapping = Advice.withCustomMapping();
    private final ClassFileLocator agentClasses =
            ClassFileLocator.ForClassLoader.of(CheckpointInstrumentation.class.getClassLoader());
    // The advice is described from its class file, not reflectively: reflection on the loaded advice
    // class makes Byte Buddy create dozens of proxy classes, which every start-up would pay.
    private final TypePool agentTypes = TypePool.Default.of(agentClasses);
    private final TypeDescription withArguments = agentTypes.describe(CheckpointAdvice.class.getName()).resolve();
    private final TypeDescription withoutArguments =
            agentTypes.describe(CheckpointAdvice.WithoutArguments.class.getName()).resolve();
    private final TypeDescription replaying = agentTypes.describe(CheckpointAdvice.Replaying.class.getName()).resolve();
    private final TypeDescription replayingVoid =
            agentTypes.describe(CheckpointAdvice.ReplayingVoid.class.getName()).resolve();

    CheckpointInstrumentation(AgentOptions options, MethodRegistry registry, MethodFactsReader factsReader,
                              ApplicationLibraries application) {
        this.options = options;
        this.registry = registry;
        this.factsReader = factsReader;
        this.application = application;
    }

    /** A transformer not yet registered anywhere; the caller decides when classes reach it. */
    ClassFileTransformer transformer() {
        return new LoggingTransformer(new AdviceWeaver(this, agentClasses));
    }

    @Override
    public Map<MethodDescription, Advice> adviceFor(TypeDescription type, ClassLoader loader) {
        // The gate has already turned away JDK and agent classes by name; a type whose methods carry no
        // marking annotation and that methods= does not name simply yields an empty plan below.
        Map<MethodDescription, Advice> plan = new LinkedHashMap<>();
        List<String> selected = options.methods().get(type.getName());
        for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
            AnnotationDescription annotation = factsReader.marking(type, method);
            boolean bySelector = selected != null && (selected.contains("*") || selected.contains(method.getName()));
            if (annotation == null && !bySelector) {
                continue;
            }
            if (type.isSynthetic() || method.isConstructor() || method.isTypeInitializer() || method.isAbstract()
                    || method.isNative() || method.isBridge() || method.isSynthetic()) {
                LOG.debug("Skipped {}.{}: constructors, abstract, native, bridge and synthetic methods are not recorded",
                        type.getName(), method.getName());
                continue;
            }
            MethodFacts facts = factsReader.read(type, method, annotation);
            int id = registry.register(facts);
            application.register(id, loader);
            plan.put(method, adviceOf(facts, method, adviceMapping.bind(MethodId.class, id)));
            if (options.debug()) {
                LOG.info("Instrumented {}.{}{} as checkpoint '{}'", type.getName(), method.getName(),
                        method.getDescriptor(), facts.checkpointName());
            }
        }
        return plan;
    }

    private Advice adviceOf(MethodFacts facts, MethodDescription method, Advice.WithCustomMapping mapping) {
        if (facts.replay() && facts.atExit()) {
            return mapping.to(replaying, method.getReturnType().represents(void.class) ? replayingVoid : replaying,
                    agentClasses);
        }
        boolean needsArguments = facts.captureArguments() || facts.sessionParameter() >= 0;
        return mapping.to(needsArguments ? withArguments : withoutArguments, agentClasses);
    }

    /** Logs a class we failed to instrument once; the class then loads unchanged. */
    private record LoggingTransformer(ClassFileTransformer weaver) implements ClassFileTransformer {
        @Override
        public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
                                ProtectionDomain domain, byte[] bytes) {
            try {
                return weaver.transform(module, loader, className, classBeingRedefined, domain, bytes);
            } catch (Exception | LinkageError e) {
                LOG.warn("Could not instrument {}; it runs unrecorded: {}", className, e.toString());
                return null;
            }
        }
    }
}
