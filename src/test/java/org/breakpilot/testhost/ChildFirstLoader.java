package org.breakpilot.testhost;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * Loads its own classes before asking its parent, as servlet containers and plugin systems do, so
 * that it defines its own copies of classes the application also has (our annotation among them).
 */
public final class ChildFirstLoader extends URLClassLoader {

    public ChildFirstLoader(URL[] urls, ClassLoader parent) {
        super(urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null && !name.startsWith("java.")) {
                try {
                    loaded = findClass(name);
                } catch (ClassNotFoundException notOurs) {
                    // Fall through to the parent.
                }
            }
            if (loaded == null) {
                loaded = getParent().loadClass(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }
}
