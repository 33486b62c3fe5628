import type { BackwardUnit, ForwardLayer, ForwardUnit, WalkthroughResult } from '../../engine/lab/walkthrough';
import { withParticle } from '../../engine/lab/claims/wording/korean-particles';
import type { Lang } from '../cli-language';
import { factor, formatNumber } from './number-text';

/** Beyond this |z| sigmoid's a·(1 − a) loses its digits to rounding (a prints as 1 or 0). */
const SIGMOID_ROUNDING_Z = 15;

/**
 * The walkthrough as a student reads it: the forward pass node by node, the loss, the backward
 * pass one chain-rule factor at a time ("∂L/∂w6 = δ_y × h2 = (-0.1092) × 0.5 = -0.05458"), then
 * every update. `title` names the network; `notes` (e.g. edited weights) follow it.
 */
export function renderWalkthrough(title: string, notes: string[], result: WalkthroughResult, lang: Lang = 'en'): string[] {
  const n = formatNumber;
  const ko = lang === 'ko';
  const lastLayer = result.forward.length;
  const layerName = (layer: number) => (ko ? (layer === lastLayer ? '출력층' : `은닉층 ${layer}`) : `Layer ${layer}${layer === lastLayer ? ', output' : ''}`);
  const inputs = result.inputs.map((x) => `${x.name} = ${n(x.value)}`).join(', ');
  const targets = result.loss.outputs.map((o) => `t${result.loss.outputs.length > 1 ? `(${o.name})` : ''} = ${n(o.target)}`).join(', ');
  const lines: string[] = [
    ko ? `오차역전파 따라가기: ${title}` : `Backpropagation walkthrough: ${title}`,
    ...notes.map((note) => `  ${note}`),
    ko ? `  입력 ${inputs}; 목표 ${targets}; 학습률 η = ${n(result.learningRate)}` : `  inputs ${inputs}; target ${targets}; learning rate η = ${n(result.learningRate)}`,
    '',
    ko ? '1. 순전파: z = Σ 가중치 × 입력 + 편향, 그다음 a = f(z)' : 'Step 1. Forward pass: z = Σ weight × input + bias, then a = f(z)',
  ];
  for (const layer of result.forward) {
    lines.push(`  ${layerName(layer.layer)} (${layer.activation})`);
    for (const unit of layer.units) lines.push(...forwardUnit(unit));
  }

  lines.push('', ko ? '2. 손실: 출력이 목표에서 얼마나 먼가, L = ½ Σ (y − t)²' : 'Step 2. Loss: how far the output is from the target, L = ½ Σ (y − t)²');
  const loss = result.loss;
  lines.push(`    L = ${loss.outputs.map((o) => `½ (${o.name} − t)²`).join(' + ')} = ${loss.outputs.map((o) => `½ (${n(o.output)} − ${factor(o.target)})²`).join(' + ')} = ${n(loss.value)}`);

  lines.push('', ko ? '3. 역전파: 연쇄 법칙, 한 번에 한 인수씩' : 'Step 3. Backward pass: the chain rule, one factor at a time');
  for (const layer of result.backward) {
    lines.push(`  ${layerName(layer.layer)}`);
    const forward = result.forward[layer.layer - 1]!;
    layer.units.forEach((unit, j) => lines.push(...backwardUnit(unit, forward, forward.units[j]!, result, lang)));
  }

  lines.push('', ko ? `4. 가중치 갱신: w ← w − η × ∂L/∂w, η = ${n(result.learningRate)}` : `Step 4. Update: w ← w − η × ∂L/∂w, η = ${n(result.learningRate)}`);
  for (const u of result.updates) {
    const lost =
      u.new === u.old && u.gradient !== 0
        ? ko
          ? `   (갱신 폭이 ${n(u.old)}의 정밀도보다 작아 ${withParticle(u.label, '이/가')} 움직이지 않습니다)`
          : `   (the step is below the precision of ${n(u.old)}: ${u.label} does not move)`
        : '';
    lines.push(`    ${u.label} = ${n(u.old)} − ${n(result.learningRate)} × ${factor(u.gradient)} = ${n(u.new)}${lost}`);
  }
  const before = result.loss.value;
  const after = result.after.loss;
  const outputs = result.after.outputs.map((o) => `${o.name} = ${n(o.value)}`).join(', ');
  if (ko) {
    const verdict = after < before ? '오차가 줄었습니다' : after > before ? '오차가 늘었습니다 (학습률을 줄여 보세요)' : '변화 없음';
    lines.push('', `갱신 뒤: ${outputs}, L = ${n(after)} (전에는 ${n(before)}): ${verdict}`);
    return lines;
  }
  const verdict = after < before ? 'the error went down' : after > before ? 'the error went up (try a smaller learning rate)' : 'no change';
  lines.push('', `After the update: ${outputs}, L = ${n(after)} (was ${n(before)}): ${verdict}`);
  return lines;
}

function forwardUnit(unit: ForwardUnit): string[] {
  const n = formatNumber;
  const symbols = [...unit.terms.map((t) => `${t.weightLabel}·${t.input}`), unit.bias.label].join(' + ');
  const numbers = [...unit.terms.map((t) => `${factor(t.weight)}·${factor(t.inputValue)}`), factor(unit.bias.value)].join(' + ');
  const pad = ' '.repeat(unit.name.length + 2);
  return [`    ${unit.name}: z = ${symbols} = ${numbers} = ${n(unit.z)}`, `    ${pad}${unit.name} = ${unit.activation}(${n(unit.z)}) = ${n(unit.a)}`];
}

function backwardUnit(unit: BackwardUnit, layer: ForwardLayer, forward: ForwardUnit, result: WalkthroughResult, lang: Lang): string[] {
  const n = formatNumber;
  const a = unit.name;
  const delta = `δ_${a}`;
  const lines: string[] = [];
  if (unit.dLda.source === 'loss') {
    const output = result.loss.outputs.find((o) => o.name === a)!;
    lines.push(`    ∂L/∂${a} = ${a} − t = ${n(output.output)} − ${factor(output.target)} = ${n(unit.dLda.value)}`);
  } else {
    const symbols = unit.dLda.terms.map((t) => `δ_${t.from} × ${t.weightLabel}`).join(' + ');
    const numbers = unit.dLda.terms.map((t) => `${factor(t.delta)} × ${factor(t.weight)}`).join(' + ');
    lines.push(`    ∂L/∂${a} = ${symbols} = ${numbers} = ${n(unit.dLda.value)}`);
  }
  lines.push(`    ∂${a}/∂z = ${derivativeText(unit, layer, forward, lang)}`);
  lines.push(`    ${delta} = ∂L/∂z = ∂L/∂${a} × ∂${a}/∂z = ${factor(unit.dLda.value)} × ${factor(unit.dadz.value)} = ${n(unit.delta)}`);
  for (const w of unit.weights) lines.push(`    ∂L/∂${w.label} = ${delta} × ${w.input} = ${factor(w.delta)} × ${factor(w.inputValue)} = ${n(w.gradient)}`);
  lines.push(`    ∂L/∂${unit.bias.label} = ${delta} × 1 = ${n(unit.bias.gradient)}`);
  return lines;
}

/** f′(z) with its arithmetic; sigmoid shows a·(1 − a) unless rounding would print it as 0. */
function derivativeText(unit: BackwardUnit, layer: ForwardLayer, forward: ForwardUnit, lang: Lang): string {
  const n = formatNumber;
  const { value, z } = unit.dadz;
  const a = unit.name;
  switch (layer.activation) {
    case 'sigmoid':
      if (Math.abs(z) < SIGMOID_ROUNDING_Z) return `σ'(${n(z)}) = ${a}·(1 − ${a}) = ${n(forward.a)} × (1 − ${n(forward.a)}) = ${n(value)}`;
      return lang === 'ko'
        ? `σ'(${n(z)}) = e^-|z| / (1 + e^-|z|)² = ${n(value)}   (${withParticle(a, '이/가')} ${withParticle(n(forward.a), '으로/로')} 반올림되어 ${a}·(1 − ${a})로는 0이 나옵니다: 기울기가 거의 사라졌습니다)`
        : `σ'(${n(z)}) = e^-|z| / (1 + e^-|z|)² = ${n(value)}   (${a} rounds to ${n(forward.a)}, so ${a}·(1 − ${a}) would show 0: the gradient is all but gone)`;
    case 'tanh':
      return `tanh'(${n(z)}) = 1 − ${a}² = ${n(value)}`;
    default:
      return `${unit.dadz.formula.replace(/\(z\)/, `(${n(z)})`)} → ${n(value)}`;
  }
}
