// The package inside a Web Worker: previews the request it is sent, posts the result back.
import { createSharePolicy } from "share-policy";

const ready = createSharePolicy();

self.onmessage = async (event) => {
  try {
    const { stateUrl, request } = event.data;
    const state = await (await fetch(stateUrl)).text();
    const sp = await ready;
    const loaded = sp.load(state);
    const result = loaded.applyShare(request);
    self.postMessage({ result, summary: loaded.summary() });
    loaded.dispose();
  } catch (e) {
    self.postMessage({ failure: String(e && e.stack ? e.stack : e), code: e && e.code });
  }
};
