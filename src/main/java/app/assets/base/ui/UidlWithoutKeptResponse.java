package app.assets.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.communication.ServerRpcHandler;
import com.vaadin.flow.server.communication.UidlRequestHandler;
import java.io.IOException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Flow's UIDL request handler, except that a UI does not keep the text of its last response.
 *
 * <p>Flow keeps that text per UI ({@code UIInternals.lastRequestResponse}) only to answer a client
 * that sends its last message again because the answer did not arrive. After a view is opened
 * that text is the whole view (every component, the charts' data, the translations in it): about
 * 80 KB of every signed-in dashboard session, more than everything else in it (issue 11,
 * docs/benchmarks.md "Heap per signed-in user"). Here the text is dropped once written, and a
 * resent message is answered the way Flow answers a client that asks to resynchronise: the whole
 * state of the UI with the resynchronise flag, which Flow's client takes in place of the lost
 * answer (it rebuilds its tree from it and carries on). A lost answer costs one full answer
 * instead of a kept copy in every session; Flow's own handler is replaced because it has no
 * setting for this (request handlers added by a service init listener are asked first).
 */
@Component
class UidlWithoutKeptResponse implements VaadinServiceInitListener {

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.addRequestHandler(new Handler());
    }

    static final class Handler extends UidlRequestHandler {

        @Override
        protected ServerRpcHandler createRpcHandler() {
            return new ResyncOnResend();
        }

        @Override
        public Optional<ResponseWriter> synchronizedHandleRequest(
                VaadinSession session, VaadinRequest request, VaadinResponse response, String requestBody)
                throws IOException {
            try {
                return super.synchronizedHandleRequest(session, request, response, requestBody);
            } finally {
                // Called with the session locked; the response writer has its own copy of the text.
                UI ui = session.getService().findUI(request);
                if (ui != null) {
                    ui.getInternals().setLastRequestResponse(null);
                }
            }
        }
    }

    private static final class ResyncOnResend extends ServerRpcHandler {

        @Override
        protected void handleRpc(UI ui, String message, VaadinRequest request, RpcRequest rpcRequest)
                throws MessageIdSyncException {
            try {
                super.handleRpc(ui, message, request, rpcRequest);
            } catch (ClientResentPayloadException resent) {
                // The message was handled already and its answer is not kept: what Flow does when
                // the client asks to resynchronise (ServerRpcHandler, rpcRequest.isResynchronize()).
                ui.getInternals().getStateTree().prepareForResync();
                ui.getInternals().getDependencyList().clearPendingSendToClient();
                throw new ResynchronizationRequiredException();
            }
        }
    }
}
