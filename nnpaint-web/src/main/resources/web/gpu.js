// The paint view's GPU painter: the network runs as a WebGL2 fragment shader, generated on the server (GET
// /api/network: the shader, its weights as an RGBA32F texture, the latent vector). A change of architecture or
// seed fetches a new network; a change of view, gain, weight or bias scale or z only sets uniforms, so a frame
// costs one draw. The server paints instead when WebGL2, highp floats or float textures are missing, when a
// network exceeds the GPU's limits, when float32 cannot resolve the view (deep zoom), or when a probe of a few
// pixels against the server's picture disagrees (a network too chaotic for float32 to follow the CPU).

import * as api from './api.js';
import { parseInit } from './recipe.js';

const VERTEX = `#version 300 es
void main() {
  vec2 p = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
  gl_Position = vec4(2.0 * p - 1.0, 0.0, 1.0);
}`;

/** Pixels of the probe's side: the server paints it in a few milliseconds. */
const PROBE_SIDE = 48;
/** A probe pixel disagrees when a channel is off by more than this many levels (a palette step is ~4). */
const PROBE_LEVELS = 8;
/** The share of probe pixels that may disagree before the server takes over. */
const PROBE_SHARE = 0.01;

/** The fields that change the network's weights or shader; everything else is a uniform. */
export function structureKey(recipe, model) {
  const unit = init => {
    const { kind, scale } = parseInit(init);
    return scale === null ? kind : kind + ':1';
  };
  return JSON.stringify([model || '', recipe.seed, recipe.inputs, recipe.z_dim, recipe.hidden, recipe.activations,
    recipe.output_activation, unit(recipe.weights), unit(recipe.biases), recipe.color]);
}

/** The uniforms of a recipe: view (a seamless tile or the plane), multipliers of weights and biases, latent vector. */
export function uniformsOf(recipe, latent, model) {
  const w = parseInit(recipe.weights).scale;
  const b = parseInit(recipe.biases).scale;
  const t = recipe.rotate * Math.PI / 180;
  return {
    center: recipe.center, extent: recipe.extent, rotation: [Math.cos(t), Math.sin(t)],
    weightScale: model ? 1 : recipe.gain * (w === null ? 1 : w),
    biasScale: model ? 1 : (b === null ? 1 : b),
    z: recipe.z && recipe.z.length === latent.length ? recipe.z : latent,
    tile: recipe.tile ? 1 : 0,
  };
}

/**
 * Whether float32 coordinates can tell this view's pixels apart: a pixel must span many float steps of the
 * largest coordinate on screen.
 */
export function resolvable(recipe, w, h) {
  const reach = Math.max(Math.abs(recipe.center[0]), Math.abs(recipe.center[1])) + recipe.extent * Math.max(1, h / w);
  const pixel = 2 * recipe.extent / w;
  return pixel > reach * Math.pow(2, -23) * 64;
}

export function createGpuPainter() {
  const canvas = document.createElement('canvas');
  const gl = canvas.getContext('webgl2', { antialias: false, premultipliedAlpha: false, preserveDrawingBuffer: true,
    alpha: false });
  let missing = null;
  if (!gl) {
    missing = 'this browser has no WebGL2';
  } else if (gl.getShaderPrecisionFormat(gl.FRAGMENT_SHADER, gl.HIGH_FLOAT).precision < 23) {
    missing = 'this GPU has no 32-bit floats in fragment shaders';
  }
  const name = gl ? (() => {
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    return info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
  })() : '';
  const refused = new Map();  // structure key -> why the server paints it
  let net = null;             // {key, program, texture, latent, info, locations}
  let loading = null;         // {key, promise}

  function compile(source) {
    const vs = gl.createShader(gl.VERTEX_SHADER);
    gl.shaderSource(vs, VERTEX);
    gl.compileShader(vs);
    const fs = gl.createShader(gl.FRAGMENT_SHADER);
    gl.shaderSource(fs, source);
    gl.compileShader(fs);
    const program = gl.createProgram();
    gl.attachShader(program, vs);
    gl.attachShader(program, fs);
    gl.linkProgram(program);
    gl.deleteShader(vs);
    gl.deleteShader(fs);
    if (!gl.getProgramParameter(program, gl.LINK_STATUS)) {
      const log = gl.getShaderInfoLog(fs) || gl.getProgramInfoLog(program) || 'unknown error';
      gl.deleteProgram(program);
      throw new Error('the GPU cannot compile this network\'s shader: ' + log.slice(0, 200));
    }
    return program;
  }

  function upload(t) {
    const max = gl.getParameter(gl.MAX_TEXTURE_SIZE);
    if (t.width > max || t.height > max) throw new Error('the network\'s weights exceed the GPU\'s texture size');
    const bytes = Uint8Array.from(atob(t.data), c => c.charCodeAt(0));
    const texture = gl.createTexture();
    gl.bindTexture(gl.TEXTURE_2D, texture);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA32F, t.width, t.height, 0, gl.RGBA, gl.FLOAT,
      new Float32Array(bytes.buffer));
    return texture;
  }

  async function fetchNetwork(key, recipe, model) {
    const answer = await api.getJson('/api/network', { recipe, model: model || undefined });
    const program = compile(answer.shader.fragment);
    const texture = upload(answer.shader.texture);
    if (net) { gl.deleteProgram(net.program); gl.deleteTexture(net.texture); }
    const locations = {};
    for (const n of ['nn_resolution', 'nn_center', 'nn_extent', 'nn_rotation', 'nn_z', 'nn_weightScale',
      'nn_biasScale', 'nn_tile', 'nn_weights']) {
      locations[n] = gl.getUniformLocation(program, n);
    }
    net = { key, program, texture, latent: answer.latent, locations,
      info: { multiplyAdds: answer.shader.multiplyAdds, activations: answer.shader.activations } };
    return net;
  }

  /** The network for this recipe, loaded (null when the server must paint it; refusal() says why). */
  async function networkFor(recipe, model) {
    const key = structureKey(recipe, model);
    if (refused.has(key)) return null;
    if (net && net.key === key) return net;
    if (!loading || loading.key !== key) {
      loading = { key, promise: fetchNetwork(key, recipe, model).catch(err => {
        if (err.name !== 'AbortError' && !(err instanceof api.ServerError && err.status === 429)) {
          refused.set(key, err.message);
        }
        return null;
      }) };
    }
    const loaded = await loading.promise;
    if (loading && loading.key === key) loading = null;
    return loaded && loaded.key === key ? loaded : null;
  }

  /** Draws a loaded network into the painter's own canvas at w x h. */
  function drawNet(n, recipe, model, w, h) {
    if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
    gl.viewport(0, 0, w, h);
    gl.useProgram(n.program);
    const u = uniformsOf(recipe, n.latent, model);
    const l = n.locations;
    gl.uniform2f(l.nn_resolution, w, h);
    gl.uniform2f(l.nn_center, u.center[0], u.center[1]);
    gl.uniform1f(l.nn_extent, u.extent);
    gl.uniform2f(l.nn_rotation, u.rotation[0], u.rotation[1]);
    gl.uniform1f(l.nn_weightScale, u.weightScale);
    gl.uniform1f(l.nn_biasScale, u.biasScale);
    gl.uniform1f(l.nn_tile, u.tile);
    if (l.nn_z && u.z.length) gl.uniform1fv(l.nn_z, u.z);
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, n.texture);
    gl.uniform1i(l.nn_weights, 0);
    gl.drawArrays(gl.TRIANGLES, 0, 3);
  }

  /** RGBA bytes of what the painter's canvas holds, top row first. */
  function pixels() {
    const w = canvas.width;
    const h = canvas.height;
    const d = new Uint8Array(w * h * 4);
    gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, d);
    const out = new Uint8Array(w * h * 4);
    for (let y = 0; y < h; y++) out.set(d.subarray((h - 1 - y) * w * 4, (h - y) * w * 4), y * w * 4);
    return out;
  }

  return {
    canvas,
    name,
    /** Why the GPU cannot paint at all, or null. */
    missing: () => missing,
    /** Why the server paints this recipe, or null when the GPU may (as far as is known before drawing). */
    refusal(recipe, model, w, h) {
      if (missing) return missing;
      const why = refused.get(structureKey(recipe, model));
      if (why) return why;
      if (!resolvable(recipe, w, h)) return 'float32 cannot resolve this deep a zoom';
      return null;
    },
    /**
     * Draws the recipe at w x h at once when its network is loaded (true); false when it is not, or the server
     * must paint it. A change of view then shows in the same task as the event that made it.
     */
    paintLoaded(recipe, model, w, h) {
      if (this.refusal(recipe, model, w, h) || !net || net.key !== structureKey(recipe, model)) return false;
      drawNet(net, recipe, model, w, h);
      return true;
    },
    /** Draws the recipe at w x h; false when the server must paint it. */
    async paint(recipe, model, w, h) {
      if (this.refusal(recipe, model, w, h)) return false;
      const n = await networkFor(recipe, model);
      if (!n) return false;
      drawNet(n, recipe, model, w, h);
      return true;
    },
    /** Forgets the opened model's network (another model was opened under the same name, 'page'). */
    forget() {
      for (const key of [...refused.keys()]) if (JSON.parse(key)[0]) refused.delete(key);
      if (net && JSON.parse(net.key)[0]) { gl.deleteProgram(net.program); gl.deleteTexture(net.texture); net = null; }
      loading = null;
    },
    /** The loaded network's arithmetic per pixel: {multiplyAdds, activations} (vec4 activations). */
    info: () => (net ? net.info : null),
    pixels,
    /**
     * Compares a small GPU picture with the server's; when float32 does not follow the CPU, the server paints this
     * network from now on. Resolves to true when they agree (or the answer no longer matters).
     */
    async verify(recipe, model, seq) {
      const key = structureKey(recipe, model);
      const pw = PROBE_SIDE;
      const ph = Math.max(1, Math.round(PROBE_SIDE * recipe.height / recipe.width));
      let server;
      try {
        // one sample a pixel, as the GPU draws it: the recipe's anti-aliasing is for downloads, and comparing
        // against it would blame float32 for the difference
        server = await api.render({ ...recipe, antialias: 1 }, pw, ph, seq, undefined, model ? { model } : {});
      } catch (err) {
        return true;  // superseded or refused: the next picture asks again
      }
      const n = await networkFor(recipe, model);
      if (!n) return false;
      const probe = document.createElement('canvas');
      probe.width = pw;
      probe.height = ph;
      const pctx = probe.getContext('2d', { willReadFrequently: true });
      pctx.drawImage(server.bitmap, 0, 0);
      server.bitmap.close();
      const cpu = pctx.getImageData(0, 0, pw, ph).data;
      drawNet(n, recipe, model, pw, ph);
      const gpu = pixels();
      let off = 0;
      for (let p = 0; p < pw * ph; p++) {
        for (let c = 0; c < 3; c++) {
          if (Math.abs(gpu[4 * p + c] - cpu[4 * p + c]) > PROBE_LEVELS) { off++; break; }
        }
      }
      if (off > PROBE_SHARE * pw * ph) {
        refused.set(key, `float32 on the GPU does not follow this network (${off} of ${pw * ph} probe pixels differ)`);
        return false;
      }
      return true;
    },
  };
}
