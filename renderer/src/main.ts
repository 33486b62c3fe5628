import './lib/zod-config';
// The UI font ships with the app: Korean must render the same on every lab PC, offline.
import 'pretendard/dist/web/variable/pretendardvariable.css';
import './styles/app.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { i18n } from './lib/i18n/i18n.svelte';

document.documentElement.lang = i18n.locale;
mount(App, { target: document.getElementById('app')! });
