package org.breakpilot.checkpoint.agent.weaving;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Map;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeInitializer;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.implementation.auxiliary.AuxiliaryType;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Weaves Byte Buddy {@link Advice} into a candidate class's methods straight over ASM.
 *
 * <p>Byte Buddy's {@code AgentBuilder} would do the same through its type-writing pipeline, but that
 * pipeline is about a third of the classes Byte Buddy loads on first use, and an application with
 * annotated classes pays their loading and verification on every start. Inlined advice needs none of
 * it: no new members, no auxiliary types, frames expanded and written by the advice itself. The class
 * format never changes, so the same bytes serve retransformation.
 */
final class AdviceWeaver implements ClassFileTransformer {

    private static final AuxiliaryType.NamingStrategy NO_AUXILIARY_TYPES =
            new AuxiliaryType.NamingStrategy.Suffixing("checkpoint");

    /**
     * Which advice goes on which method of a type, defined by {@code loader} (null: the boot loader);
     * empty when the type has none to record.
     */
    interface Plan {
        Map<MethodDescription, Advice> adviceFor(TypeDescription type, ClassLoader loader);
    }

    private final Plan plan;
    private final ClassFileLocator agentClasses;
    private final List<TypeDescription> sharedTypes;

    /**
     * @param sharedTypes types every woven class's pool takes as they are, instead of reading their class
     *                    files through the class's loader again: our annotations, which every marked class
     *                    resolves to read its attributes (a quarter of the time of weaving on attach)
     */
    AdviceWeaver(Plan plan, ClassFileLocator agentClasses, List<TypeDescription> sharedTypes) {
        this.plan = plan;
        this.agentClasses = agentClasses;
        this.sharedTypes = sharedTypes;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain domain, byte[] bytes) {
        String name = internalName.replace('/', '.');
        ClassFileLocator given = ClassFileLocator.Simple.of(name, bytes);
        ClassFileLocator ofLoader = loader == null
                ? ClassFileLocator.ForClassLoader.ofBootLoader() : ClassFileLocator.ForClassLoader.of(loader);
        // A class being retransformed arrives as the JVM rebuilds it, which (on JDK 17) drops the
        // parameter names: describe it from its original class file when its loader has one. Ours come
        // last, so a loader that cannot see our annotation still lets the pool resolve it by name.
        ClassFileLocator locator = classBeingRedefined == null
                ? new ClassFileLocator.Compound(given, ofLoader, agentClasses)
                : new ClassFileLocator.Compound(ofLoader, given, agentClasses);
        TypePool.CacheProvider.Simple cache = new TypePool.CacheProvider.Simple();
        for (TypeDescription shared : sharedTypes) {
            cache.register(shared.getName(), new TypePool.Resolution.Simple(shared));
        }
        TypePool pool = new TypePool.Default.WithLazyResolution(cache, locator, TypePool.Default.ReaderMode.FAST);
        TypeDescription type = pool.describe(name).resolve();
        Map<MethodDescription, Advice> advice = plan.adviceFor(type, loader);
        if (advice.isEmpty()) {
            return null;
        }
        ClassFileVersion version = ClassFileVersion.ofClassFile(bytes);
        Implementation.Context.ExtractableView context = Implementation.Context.Disabled.Factory.INSTANCE.make(type,
                NO_AUXILIARY_TYPES, TypeInitializer.None.INSTANCE, version, version,
                Implementation.Context.FrameGeneration.DISABLED);
        ClassReader reader = OpenedClassReader.of(bytes);
        ClassWriter writer = new ClassWriter(0);
        reader.accept(new AdvisingVisitor(writer, type, advice, context, pool), ClassReader.EXPAND_FRAMES);
        return writer.toByteArray();
    }

    /** Wraps the visitor of each planned method with its advice; passes everything else through. */
    private static final class AdvisingVisitor extends ClassVisitor {
        private final TypeDescription type;
        private final Map<MethodDescription, Advice> advice;
        private final Implementation.Context context;
        private final TypePool pool;

        AdvisingVisitor(ClassVisitor next, TypeDescription type, Map<MethodDescription, Advice> advice,
                        Implementation.Context context, TypePool pool) {
            super(OpenedClassReader.ASM_API, next);
            this.type = type;
            this.advice = advice;
            this.context = context;
            this.pool = pool;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            MethodVisitor visitor = super.visitMethod(access, name, descriptor, signature, exceptions);
            for (Map.Entry<MethodDescription, Advice> planned : advice.entrySet()) {
                MethodDescription method = planned.getKey();
                if (method.getInternalName().equals(name) && method.getDescriptor().equals(descriptor)) {
                    return planned.getValue().wrap(type, method, visitor, context, pool, 0, ClassReader.EXPAND_FRAMES);
                }
            }
            return visitor;
        }
    }
}
