package org.breakpilot.checkpoint.agent.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.breakpilot.checkpoint.JsonReadLimits;
import org.breakpilot.checkpoint.RetentionPolicy;
import org.breakpilot.checkpoint.store.DatabasePassword;
import org.breakpilot.checkpoint.store.PostgresOptions;
import org.breakpilot.checkpoint.store.JournalOptions;
import org.breakpilot.checkpoint.store.WriteOptions;
import org.breakpilot.checkpoint.capture.Redaction;
import org.breakpilot.checkpoint.capture.CaptureLimits;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionParserTest {

    private static final Properties NONE = new Properties();

    @Test
    void noOptionsGiveTheDefaults() {
        AgentOptions options = OptionParser.parse(null, NONE);

        assertEquals(null, options.session());
        assertEquals(JournalOptions.builder(Path.of(".checkpoints")).build(), options.journal());
        assertEquals(false, options.replayStrict());
        assertEquals(RetentionPolicy.DEFAULT, options.retention());
        assertEquals(CaptureLimits.DEFAULT, options.limits());
        assertEquals(JsonReadLimits.DEFAULT, options.readLimits());
        assertEquals(Redaction.DEFAULT_FRAGMENTS, options.redact());
        assertEquals(false, options.debug());
    }

    @Test
    void markingAnnotationsTakeAnOptionalNamingAttributeAndShowAsGiven() {
        AgentOptions options = OptionParser.parse("annotations=com.acme.Step; dev.langchain4j.agent.tool.Tool[ name ],"
                + "replayAnnotations=com.acme.Tool[value],"
                + "replayMethods=dev.langchain4j.model.chat.ChatModel[chat];com.acme.Job[*]", NONE);

        assertEquals(List.of(new MarkingAnnotation("com.acme.Step", null),
                new MarkingAnnotation("dev.langchain4j.agent.tool.Tool", "name")), options.marking().annotations());
        assertEquals(List.of(new MarkingAnnotation("com.acme.Tool", "value")), options.marking().replayAnnotations());
        assertEquals(Map.of("dev.langchain4j.model.chat.ChatModel", List.of("chat"), "com.acme.Job", List.of("*")),
                options.marking().replayMethods());
        assertEquals("com.acme.Step;dev.langchain4j.agent.tool.Tool[name]", options.effective().get("annotations"));
        assertEquals("com.acme.Tool[value]", options.effective().get("replayAnnotations"));
        assertEquals("", options.effective().get("methods"));
        assertEquals("dev.langchain4j.model.chat.ChatModel[chat];com.acme.Job[*]", options.effective().get("replayMethods"));
    }

    @Test
    void replayMethodsSelectReplayStepsEvenWhereMethodsAlsoNamesThem() {
        MarkingOptions marking = OptionParser.parse("methods=com.acme.Job[*],replayMethods=com.acme.Job[pay]", NONE)
                .marking();

        assertEquals(MarkingOptions.Selection.REPLAYED, marking.selection("com.acme.Job", "pay"));
        assertEquals(MarkingOptions.Selection.RECORDED, marking.selection("com.acme.Job", "report"));
        assertEquals(MarkingOptions.Selection.NONE, marking.selection("com.acme.Other", "pay"));
        assertEquals(java.util.Set.of("com.acme.Job"), marking.selectedTypes());
    }

    @Test
    void everyKeyIsParsed() {
        AgentOptions options = OptionParser.parse("session=s1,annotations=com.acme.Step;com.acme.Other,"
                + "methods=com.acme.Pipeline[fetch,store];com.acme.Job[*],maxCheckpoints=500,compressAfter=200,"
                + "keepRecent=30,maxDepth=4,maxStringLength=64,maxElements=10,maxBytes=2048,redact=iban;pin,"
                + "debug=true,logFile=/tmp/agent.log,exportOnExit=out,jmxMaxSessions=5,jmxReadOnly=true", NONE);

        assertEquals("s1", options.session());
        assertEquals(List.of(new MarkingAnnotation("com.acme.Step", null), new MarkingAnnotation("com.acme.Other", null)),
                options.marking().annotations());
        assertEquals(Map.of("com.acme.Pipeline", List.of("fetch", "store"), "com.acme.Job", List.of("*")),
                options.marking().methods());
        assertEquals(new RetentionPolicy(500, 200, 30), options.retention());
        assertEquals(new CaptureLimits(4, 64, 10, 2048), options.limits());
        assertTrue(options.redact().containsAll(Redaction.DEFAULT_FRAGMENTS), "added to the defaults, never replacing them");
        assertEquals(List.of("iban", "pin"), options.redact().subList(Redaction.DEFAULT_FRAGMENTS.size(), options.redact().size()));
        assertTrue(options.debug());
        assertEquals(Path.of("/tmp/agent.log"), options.logFile());
        assertEquals(Path.of("out"), options.exportOnExit());
        assertEquals(5, options.jmxMaxSessions());
        assertTrue(options.jmxReadOnly());
        assertEquals("5", options.effective().get("jmxMaxSessions"));
    }

    @Test
    void journalKeysAreParsed() {
        AgentOptions options = OptionParser.parse("dir=/var/ckpt,fsync=always,fsyncIntervalMs=10,onFull=block,"
                + "queueSize=128,writeTimeoutMs=250,segmentBytes=65536,maxReplaySteps=9,replayStrict=true,"
                + "maxCheckpoints=40,compressAfter=30", NONE);

        assertEquals(JournalOptions.builder(Path.of("/var/ckpt")).fsync(WriteOptions.Fsync.ALWAYS)
                .fsyncIntervalMs(10).onFull(WriteOptions.OnFull.BLOCK).queueSize(128).writeTimeoutMs(250)
                .segmentBytes(65536).retention(new RetentionPolicy(40, 30, 20)).maxReplaySteps(9).build(), options.journal());
        assertTrue(options.replayStrict());
        assertEquals("always", options.effective().get("fsync"));
    }

    @Test
    void jsonReadLimitsReachImportsAndTheJournal() {
        AgentOptions options = OptionParser.parse("jsonMaxDepth=20,jsonMaxStringLength=4096,jsonMaxDocumentLength=65536",
                NONE);

        assertEquals(new JsonReadLimits(20, 4096, 65536), options.readLimits());
        assertEquals(options.readLimits(), options.journal().readLimits());
        assertEquals("4096", options.effective().get("jsonMaxStringLength"));
    }

    @Test
    void storeMemoryHasNoJournal() {
        AgentOptions options = OptionParser.parse("store=memory,dir=ignored", NONE);

        assertEquals(null, options.journal());
        assertEquals("memory", options.effective().get("store"));
    }

    @Test
    void sessionFromNamesAnMdcKey() {
        AgentOptions options = OptionParser.parse("sessionFrom=mdc:conversation.id", NONE);

        assertEquals("conversation.id", options.sessionMdcKey());
        assertEquals("mdc:conversation.id", options.effective().get("sessionFrom"));
        assertEquals(null, OptionParser.parse(null, NONE).sessionMdcKey());
        assertEquals("", OptionParser.parse(null, NONE).effective().get("sessionFrom"));
    }

    @Test
    void systemPropertiesSetOptionsAndTheAgentStringWins() {
        Properties properties = new Properties();
        properties.setProperty("breakpilot.checkpoint.session", "from-property");
        properties.setProperty("breakpilot.checkpoint.maxCheckpoints", "7");

        AgentOptions options = OptionParser.parse("session=from-agent", properties);

        assertEquals("from-agent", options.session());
        assertEquals(7, options.retention().maxCheckpoints());
    }

    @Test
    void thePostgresStoreSharesTheWriteSettingsAndShowsWhereThePasswordComesFromNotThePassword() {
        AgentOptions options = OptionParser.parse("store=postgres,jdbcUrl=jdbc:postgresql://db:5432/jobs,jdbcUser=agent,"
                + "jdbcPasswordEnv=JOBS_DB_PASSWORD,jdbcSchema=fleet,leaseTtlMs=3000,fsync=always,queueSize=10", NONE);

        PostgresOptions postgres = options.postgres();
        assertEquals(null, options.journal());
        assertEquals("jdbc:postgresql://db:5432/jobs", postgres.jdbcUrl());
        assertEquals("agent", postgres.user());
        assertEquals(new DatabasePassword("JOBS_DB_PASSWORD", null), postgres.password());
        assertEquals("fleet", postgres.schema());
        assertEquals(3000, postgres.leaseTtlMs());
        assertEquals(PostgresOptions.DEFAULT_SESSION_IDLE_MS, postgres.sessionIdleMs());
        assertEquals("600000", options.effective().get("sessionIdleMs"));
        assertEquals(WriteOptions.Fsync.ALWAYS, postgres.writing().fsync());
        assertEquals(10, postgres.writing().queueSize());
        assertEquals("postgres", options.effective().get("store"));
        assertEquals("env JOBS_DB_PASSWORD", options.effective().get("jdbcPassword"));
        assertEquals(PostgresOptions.DEFAULT_SCHEMA, OptionParser.parse("store=postgres,jdbcUrl=jdbc:postgresql://db/jobs,"
                + "jdbcUser=agent,jdbcPasswordFile=/run/secrets/db", NONE).postgres().schema());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "sesion=x | unknown option 'sesion' (accepted keys: ",
        "debug | option 'debug' is not key=value (accepted keys: ",
        "maxCheckpoints=ten | option maxCheckpoints must be a whole number, got 'ten'",
        "maxCheckpoints=0 | option maxCheckpoints must be >= 1, got 0",
        "maxDepth=0 | option maxDepth must be >= 1, got 0",
        "debug=yes | option debug must be true or false, got 'yes'",
        "store=disk | option store must be one of [journal, memory, postgres], got 'disk'",
        "fsync=sometimes | option fsync must be one of [always, batch, none], got 'sometimes'",
        "onFull=wait | option onFull must be one of [drop, block], got 'wait'",
        "fsyncIntervalMs=0 | option fsyncIntervalMs must be >= 1, got 0",
        "queueSize=-1 | option queueSize must be >= 1, got -1",
        "segmentBytes=100 | option segmentBytes must be >= 4096, got 100",
        "maxReplaySteps=x | option maxReplaySteps must be a whole number, got 'x'",
        "replayStrict=1 | option replayStrict must be true or false, got '1'",
        "dir= | option dir must be a file system path, got ''",
        "jmxMaxSessions=0 | option jmxMaxSessions must be >= 1, got 0",
        "jsonMaxDepth=0 | option jsonMaxDepth must be between 1 and 500, got 0",
        "jsonMaxDepth=501 | option jsonMaxDepth must be between 1 and 500, got 501",
        "jsonMaxStringLength=many | option jsonMaxStringLength must be a whole number, got 'many'",
        "jsonMaxDocumentLength=-1 | option jsonMaxDocumentLength must be between 1 and 2147483647, got -1",
        "jmxReadOnly=maybe | option jmxReadOnly must be true or false, got 'maybe'",
        "session= | option session must not be empty",
        "annotations=not a name | option annotations must be fully qualified class names separated by ';', got 'not a name'",
        "annotations=com.acme.Tool[name | option annotations must look like com.acme.Step;dev.langchain4j.agent.tool.Tool[name], got 'com.acme.Tool[name'",
        "annotations=com.acme.Tool[a][b] | option annotations must look like com.acme.Step;dev.langchain4j.agent.tool.Tool[name], got 'com.acme.Tool[a][b]'",
        "annotations=com.acme.Tool]name[ | option annotations must look like com.acme.Step;dev.langchain4j.agent.tool.Tool[name], got 'com.acme.Tool]name['",
        "annotations=com.acme.Tool[] | option annotations names no attribute in [] for com.acme.Tool (name the attribute whose value names the checkpoint, or leave out the brackets)",
        "annotations=com.acme.Tool[na-me] | option annotations must name an annotation attribute in [], got 'na-me' in 'com.acme.Tool[na-me]'",
        "annotations=com.acme.Tool[a.b] | option annotations must name an annotation attribute in [], got 'a.b' in 'com.acme.Tool[a.b]'",
        "annotations=not a name[value] | option annotations must be fully qualified class names separated by ';', got 'not a name'",
        "replayAnnotations=com.acme.Tool[] | option replayAnnotations names no attribute in [] for com.acme.Tool (name the attribute whose value names the checkpoint, or leave out the brackets)",
        "replayMethods=com.acme.Model | option replayMethods must look like com.acme.Pipeline[fetch,store];com.acme.Other[*], got 'com.acme.Model'",
        "replayMethods=com.acme.Model[ ] | option replayMethods names no method for com.acme.Model (use [*] for all)",
        "methods=com.acme.Pipeline | option methods must look like com.acme.Pipeline[fetch,store];com.acme.Other[*], got 'com.acme.Pipeline'",
        "methods=com.acme.Pipeline[] | option methods names no method for com.acme.Pipeline (use [*] for all)",
        "encryptionKeyFile=/no/such/key | option encryptionKeyFile: key file '/no/such/key' cannot be read (NoSuchFileException)",
        "encryptionKeyEnv=CHECKPOINT_NO_SUCH_VARIABLE | option encryptionKeyEnv: environment variable 'CHECKPOINT_NO_SUCH_VARIABLE' is not set",
        "encryptionKeyFile=/k,encryptionKeyEnv=K | option encryptionKeyEnv cannot be given with encryptionKeyFile; give one of them",
        "store=memory,encryptionKeyEnv=K | option encryptionKeyFile or encryptionKeyEnv encrypts what is stored; it needs store=journal or store=postgres, got store=memory",
        "store=postgres,jdbcUser=u,jdbcPasswordEnv=P | option jdbcUrl must be jdbc:postgresql://host:port/database",
        "store=postgres,jdbcUrl=jdbc:mysql://h/db,jdbcUser=u,jdbcPasswordEnv=P | option jdbcUrl must be jdbc:postgresql://host:port/database",
        "store=postgres,jdbcUrl=jdbc:postgresql://h/db?password=hunter2,jdbcUser=u,jdbcPasswordEnv=P | option jdbcUrl must not hold a password; give it with jdbcPasswordEnv=VAR or jdbcPasswordFile=F",
        "store=postgres,jdbcUrl=jdbc:postgresql://u:hunter2@h/db,jdbcUser=u,jdbcPasswordEnv=P | option jdbcUrl must not hold a password; give it with jdbcPasswordEnv=VAR or jdbcPasswordFile=F",
        "store=postgres,jdbcUrl=jdbc:postgresql://h/db,jdbcPasswordEnv=P | option jdbcUser must name the database user",
        "store=postgres,jdbcUrl=jdbc:postgresql://h/db,jdbcUser=u | option jdbcPasswordEnv=VAR or jdbcPasswordFile=F must give the database password, exactly one of them",
        "store=postgres,jdbcUrl=jdbc:postgresql://h/db,jdbcUser=u,jdbcPasswordEnv=P,jdbcPasswordFile=/p | option jdbcPasswordEnv=VAR or jdbcPasswordFile=F must give the database password, exactly one of them",
        "store=postgres,jdbcUrl=jdbc:postgresql://h/db,jdbcUser=u,jdbcPasswordEnv=P,jdbcSchema=Bad-Name | option jdbcSchema must be a lower-case SQL name (letters, digits, _; at most 63), got 'Bad-Name'",
        "store=postgres,jdbcUrl=jdbc:postgresql://h/db,jdbcUser=u,jdbcPasswordEnv=P,leaseTtlMs=10 | option leaseTtlMs must be >= 1000, got 10",
        "jdbcUrl=jdbc:postgresql://h/db | option jdbcUrl needs store=postgres, got store=journal",
        "store=memory,leaseTtlMs=5000 | option leaseTtlMs needs store=postgres, got store=memory",
        "store=postgres,jdbcUrl=jdbc:postgresql://h/db,jdbcUser=u,jdbcPasswordEnv=P,sessionIdleMs=5 | option sessionIdleMs (0 keeps every session) must be >= 10, got 5",
        "sessionIdleMs=60000 | option sessionIdleMs needs store=postgres (the journal and memory stores keep every session in memory), got store=journal",
        "jdbcPassword=hunter2 | option jdbcPassword is not accepted: a password is never given in the options; use jdbcPasswordEnv=VAR or jdbcPasswordFile=F",
        "sessionFrom= | option sessionFrom must be mdc:<key> naming a key of the application's SLF4J MDC, got ''",
        "sessionFrom=mdc: | option sessionFrom must be mdc:<key> naming a key of the application's SLF4J MDC, got 'mdc:'",
        "sessionFrom=header:X-Session | option sessionFrom must be mdc:<key> naming a key of the application's SLF4J MDC, got 'header:X-Session'",
        "sessionFrom=conversationId | option sessionFrom must be mdc:<key> naming a key of the application's SLF4J MDC, got 'conversationId'",
        "sessionFrom=MDC:conversationId | option sessionFrom must be mdc:<key> naming a key of the application's SLF4J MDC, got 'MDC:conversationId'",
    })
    void badOptionsAreRejectedNamingTheKeyAndWhatIsAccepted(String arguments, String messageStart) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> OptionParser.parse(arguments, NONE));
        assertFalse(error.getMessage().contains("hunter2"), "a password in the options is never repeated");

        assertTrue(error.getMessage().startsWith(messageStart.strip()), error.getMessage());
    }

    @Test
    void aKeyFileEncryptsTheJournalAndOnlyItsSourceIsShown(@TempDir Path keys) throws IOException {
        Path keyFile = keys.resolve("journal.key");
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        Files.writeString(keyFile, key);

        AgentOptions options = OptionParser.parse("encryptionKeyFile=" + keyFile, NONE);

        assertTrue(options.journal().encoding().encrypted());
        assertEquals("AES-GCM, key from key file '" + keyFile + "'", options.effective().get("encryption"));
        assertFalse(options.effective().toString().contains(key));
        assertEquals("none", OptionParser.parse("", NONE).effective().get("encryption"));
    }

    @Test
    void aValueWithALineBreakIsShownEscapedInAOneLineError() {
        Properties properties = new Properties();
        properties.setProperty("breakpilot.checkpoint.fsync", "always\ncheckpoint-agent: forged");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> OptionParser.parse("", properties));

        assertEquals("option fsync must be one of [always, batch, none], got 'always\\u000acheckpoint-agent: forged'",
                error.getMessage());
    }

    @Test
    void anUnknownSystemPropertyIsRejectedByItsFullName() {
        Properties properties = new Properties();
        properties.setProperty("breakpilot.checkpoint.colour", "red");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> OptionParser.parse("", properties));

        assertTrue(error.getMessage().startsWith("unknown system property breakpilot.checkpoint.colour 'colour'"),
                error.getMessage());
    }

    @Test
    void aPasswordAsASystemPropertyIsRefusedNamingTheOptionAndTheProperty() {
        Properties properties = new Properties();
        properties.setProperty("breakpilot.checkpoint.jdbcPassword", "hunter2");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> OptionParser.parse("", properties));

        assertEquals("option jdbcPassword (system property breakpilot.checkpoint.jdbcPassword) is not accepted: a"
                + " password is never given in the options; use jdbcPasswordEnv=VAR or jdbcPasswordFile=F",
                error.getMessage());
    }
}
