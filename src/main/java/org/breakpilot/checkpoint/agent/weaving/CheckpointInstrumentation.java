package org.breakpilot.checkpoint.agent.weaving;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ObjIntConsumer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.breakpilot.checkpoint.agent.options.AgentOptions;
import org.breakpilot.checkpoint.agent.options.MarkingOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Byte Buddy half of the agent: which types and methods are instrumented, and with which advice.
 * Matchers are built once; each instrumented method gets its own advice with its number bound.
 */
public final class CheckpointInstrumentation implements AdviceWeaver.Plan {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointInstrumentation.class);

    private final AgentOptions options;
    private final MethodRegistry registry;
    private final MethodFactsReader factsReader;
    /** Methods whose skipping was logged: a class retransformed on attach or detach logs it only once. */
    private final Set<String> loggedSkips = ConcurrentHashMap.newKeySet();
    /** Told each instrumented method's class loader, so that calls can read the application's own libraries. */
    private final ObjIntConsumer<ClassLoader> loaderOfMethod;
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

    public CheckpointInstrumentation(AgentOptions options, MethodRegistry registry, MethodFactsReader factsReader,
                                     ObjIntConsumer<ClassLoader> loaderOfMethod) {
        this.options = options;
        this.registry = registry;
        this.factsReader = factsReader;
        this.loaderOfMethod = loaderOfMethod;
    }

    /** A transformer not yet registered anywhere; the caller decides when classes reach it. */
    public ClassFileTransformer transformer() {
        List<TypeDescription> ourAnnotations = new ArrayList<>();
        for (String annotation : MethodFactsReader.OUR_ANNOTATIONS) {
            ourAnnotations.add(agentTypes.describe(annotation).resolve());
        }
        return new LoggingTransformer(new AdviceWeaver(this, agentClasses, ourAnnotations));
    }

    @Override
    public Map<MethodDescription, Advice> adviceFor(TypeDescription type, ClassLoader loader) {
        // The gate has already turned away JDK and agent classes by name; a type whose methods carry no
        // marking annotation and that methods= does not name simply yields an empty plan below.
        Map<MethodDescription, Advice> plan = new LinkedHashMap<>();
        for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
            List<MethodFactsReader.Mark> marks = factsReader.marks(type, method);
            MarkingOptions.Selection selection = options.marking().selection(type.getName(), method.getName());
            if (marks.isEmpty() && selection == MarkingOptions.Selection.NONE) {
                continue;
            }
            String skipped = whySkipped(type, method);
            if (skipped != null) {
                if (options.debug() && loggedSkips.add(type.getName() + "." + method.getName() + method.getDescriptor())) {
                    LOG.info("Skipped {}: {}", signature(type, method), skipped);
                }
                continue;
            }
            // One plan entry per method: however many annotations and selectors mark it, it gets one advice.
            MethodFacts facts = factsReader.read(type, method, marks, selection);
            int id = registry.register(facts);
            loaderOfMethod.accept(loader, id);
            plan.put(method, adviceOf(facts, method, adviceMapping.bind(MethodId.class, id)));
            if (options.debug()) {
                LOG.info("Instrumented {}.{}{} as checkpoint '{}'{}", type.getName(), method.getName(),
                        method.getDescriptor(), facts.checkpointName(), facts.replay() ? " (replay step)" : "");
            }
        }
        return plan;
    }

    /** Why a marked method cannot be recorded, or null when it can. */
    private static String whySkipped(TypeDescription type, MethodDescription method) {
        if (type.isSynthetic()) {
            return "methods of synthetic classes are generated, not written, and are not recorded";
        }
        if (method.isConstructor() || method.isTypeInitializer()) {
            return "constructors and static initializers are not recorded; mark a method they call";
        }
        if (method.isAbstract()) {
            return "abstract methods have no body to record; mark the implementing method";
        }
        if (method.isNative()) {
            return "native methods have no bytecode to record; mark the method that calls it";
        }
        if (method.isBridge()) {
            return "bridge methods only forward to the method they bridge, which is recorded instead";
        }
        if (method.isSynthetic()) {
            return "synthetic methods are generated by the compiler and are not recorded";
        }
        return null;
    }

    /** {@code com.acme.Api.run(java.lang.String)}: the method as a user would write it. */
    private static String signature(TypeDescription type, MethodDescription method) {
        StringJoiner parameters = new StringJoiner(", ", "(", ")");
        for (TypeDescription parameter : method.getParameters().asTypeList().asErasures()) {
            parameters.add(parameter.getActualName());
        }
        return type.getName() + "." + method.getInternalName() + parameters;
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
