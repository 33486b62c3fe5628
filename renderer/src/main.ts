// The UI font ships with the app: Korean must render the same on every lab PC, offline.
import 'pretendard/dist/web/variable/pretendardvariable.css';
import { mount } from 'svelte';
import App from './App.svelte';

mount(App, { target: document.getElementById('app')! });
