import 'element-plus/dist/index.css';
import './style.css';
import { ElAlert, ElButton, ElCard, ElConfigProvider, ElOption, ElSelect } from 'element-plus';
import { createApp } from 'vue';
import { session } from './api';
import { fetchStatus } from './composables/meta';
import { refreshSession } from './composables/session';
import { router } from './router';
import TheApp from './TheApp.vue';

const app = createApp(TheApp);
// the first screen's components; every other page imports its own (a smaller first download)
for (const c of [ElAlert, ElButton, ElCard, ElConfigProvider, ElOption, ElSelect]) {
  app.use(c);
}
app.use(router);
await refreshSession();
session.demo = (await fetchStatus().catch(() => ({ demo: false }))).demo;
app.mount('#app');
