package dev.httpmem.agent.stacks.jetty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;

/**
 * A write the socket could not take at once, completed when it becomes writable (on a selector's task): the
 * flusher's callbacks generate the next frames there, work for the connection.
 */
final class WriteFlusherInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.eclipse.jetty.io.WriteFlusher");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("completeWrite").and(takesArguments(0)), CompleteWriteAdvice.class));
    }

    static final class CompleteWriteAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.FieldValue("_endPoint") EndPoint endPoint) {
            Connection connection = endPoint.getConnection();
            return Slices.enterConnection(connection instanceof SslConnection sslConnection
                    ? sslConnection.getSslEndPoint() : endPoint);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices) {
            Slices.exit(slices);
        }
    }
}
