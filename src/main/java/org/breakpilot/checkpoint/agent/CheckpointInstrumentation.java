package org.breakpilot.checkpoint.agent;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;

import java.lang.instrument.ClassFileTransformer;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Byte Buddy half of the agent: which types and methods are instrumented, and with which advice.
 * Matchers are built once; each instrumented method gets its own advice with its number bound.
 */
final class CheckpointInstrumentation {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointInstrumentation.class);

    private final AgentOptions options;
    private final MethodRegistry registry;
    private final MethodFactsReader factsReader;
    private final ElementMatcher.Junction<TypeDescription> ignoredTypesMatcher;
    private final ElementMatcher.Junction<TypeDescription> candidateTypesMatcher;
    private final Advice.WithCustomMapping adviceMapping = Advice.withCustomMapping();

    CheckpointInstrumentation(AgentOptions options, MethodRegistry registry, MethodFactsReader factsReader) {
        this.options = options;
        this.registry = registry;
        this.factsReader = factsReader;
        List<String> marking = new ArrayList<>(options.annotations());
        marking.add(MethodFactsReader.CHECKPOINT);
        this.ignoredTypesMatcher = nameStartsWith("java.").or(nameStartsWith("javax.")).or(nameStartsWith("jdk."))
                .or(nameStartsWith("sun.")).or(nameStartsWith("com.sun.")).or(nameStartsWith("org.breakpilot.checkpoint."))
                .or(nameStartsWith("net.bytebuddy.")).or(nameStartsWith("io.opentelemetry.javaagent."))
                .or(nameStartsWith("co.elastic.apm.")).or(nameStartsWith("datadog.")).or(isSynthetic());
        ElementMatcher.Junction<TypeDescription> markingTypes = namedOneOf(marking.toArray(String[]::new));
        this.candidateTypesMatcher = declaresMethod(isAnnotatedWith(markingTypes)).or(isAnnotatedWith(markingTypes))
                .or(namedOneOf(options.methods().keySet().toArray(String[]::new)));
    }

    /** A transformer not yet registered anywhere; the caller decides when classes reach it. */
    ClassFileTransformer transformer() {
        // Advice is inlined and initialization is NoOp, so Byte Buddy's Nexus is never used; disabling
        // it keeps the default AgentBuilder from probing sun.misc.Unsafe, which JDK 24+ warns about on
        // the host's stderr. The property name is relocated with Byte Buddy: the host's own is untouched.
        System.setProperty(ByteBuddy.class.getPackageName() + ".nexus.disabled", "true");
        // Advice only rewrites the bodies of declared methods: no type validation and no method graph
        // of inherited members are needed, which saves much of Byte Buddy's first-use cost.
        ByteBuddy byteBuddy = new ByteBuddy().with(TypeValidation.DISABLED)
                .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE);
        return new AgentBuilder.Default(byteBuddy)
                .disableClassFormatChanges()
                .with(AgentBuilder.DescriptionStrategy.Default.POOL_ONLY)
                .with(AgentBuilder.PoolStrategy.Default.FAST)
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.InjectionStrategy.Disabled.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                // A class loader that cannot see our annotation (an isolated or child-first one) must
                // still let Byte Buddy resolve it by name, or the annotation would be dropped as unknown.
                .with(AgentBuilder.LocationStrategy.ForClassLoader.STRONG.withFallbackTo(
                        ClassFileLocator.ForClassLoader.of(CheckpointInstrumentation.class.getClassLoader())))
                .with(new FailureListener())
                .ignore(ignoredTypesMatcher)
                .type(candidateTypesMatcher)
                .transform((builder, type, loader, module, domain) -> instrument(builder, type))
                .makeRaw();
    }

    private DynamicType.Builder<?> instrument(DynamicType.Builder<?> builder, TypeDescription type) {
        List<String> selected = options.methods().get(type.getName());
        for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
            AnnotationDescription annotation = factsReader.marking(type, method);
            boolean bySelector = selected != null && (selected.contains("*") || selected.contains(method.getName()));
            if (annotation == null && !bySelector) {
                continue;
            }
            if (method.isConstructor() || method.isTypeInitializer() || method.isAbstract() || method.isNative()
                    || method.isBridge() || method.isSynthetic()) {
                LOG.debug("Skipped {}.{}: constructors, abstract, native, bridge and synthetic methods are not recorded",
                        type.getName(), method.getName());
                continue;
            }
            MethodFacts facts = factsReader.read(type, method, annotation);
            int id = registry.register(facts);
            boolean needsArguments = facts.captureArguments() || facts.sessionParameter() >= 0;
            builder = builder.visit(adviceMapping.bind(MethodId.class, id)
                    .to(needsArguments ? CheckpointAdvice.class : CheckpointAdvice.WithoutArguments.class)
                    .on(ElementMatchers.is(method)));
            if (options.debug()) {
                LOG.info("Instrumented {}.{}{} as checkpoint '{}'", type.getName(), method.getName(),
                        method.getDescriptor(), facts.checkpointName());
            }
        }
        return builder;
    }

    /** Logs a class we failed to instrument once; the class then loads unchanged. */
    private static final class FailureListener extends AgentBuilder.Listener.Adapter {
        @Override
        public void onError(String typeName, ClassLoader loader, net.bytebuddy.utility.JavaModule module,
                            boolean loaded, Throwable throwable) {
            LOG.warn("Could not instrument {}; it runs unrecorded: {}", typeName, throwable.toString());
        }
    }
}
