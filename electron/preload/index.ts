import { contextBridge } from 'electron';

// The preload exposes exactly the LabApi contract to the renderer; the contract's methods are
// bridged with the app UI. Until then it only tells the renderer which shell it runs in.
contextBridge.exposeInMainWorld('nnlabShell', { kind: 'electron' as const });
