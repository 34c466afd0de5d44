// The activations as the CPU's vector kernel computes them (dev.nnpaint.kernel.FastActivations): the same
// polynomials and range reductions, so that GPUs whose built-in sin, exp and tanh differ still paint the CPU's
// picture. fma is missing from GLSL ES 3.00, so pi is split in three parts whose products with q stay exact.
vec4 nn_identity(vec4 x) { return x; }
vec4 nn_relu(vec4 x) { return max(x, 0.0); }
vec4 nn_leaky_relu(vec4 x) { return max(x, x * 0.01); }
vec4 nn_abs(vec4 x) { return abs(x); }
vec4 nn_hard_tanh(vec4 x) { return clamp(x, -1.0, 1.0); }

vec4 nn_tanh(vec4 x) {
  vec4 c = clamp(x, -7.90531110763549805, 7.90531110763549805);
  vec4 c2 = c * c;
  vec4 p = ((((((c2 * -2.76076847742355e-16 + 2.00018790482477e-13) * c2 + -8.60467152213735e-11) * c2
      + 5.12229709037114e-08) * c2 + 1.48572235717979e-05) * c2 + 6.37261928875436e-04) * c2
      + 4.89352455891786e-03) * c;
  vec4 q = ((c2 * 1.19825839466702e-06 + 1.18534705686654e-04) * c2 + 2.26843463243900e-03) * c2
      + 4.89352518554385e-03;
  return p / q;
}

vec4 nn_sigmoid(vec4 x) { return nn_tanh(x * 0.5) * 0.5 + 0.5; }

vec4 nn_exp(vec4 x) {
  vec4 c = clamp(x, -87.0, 88.0);
  vec4 n = floor(c * 1.44269504088896341 + 0.5);
  vec4 r = (c - n * 0.693359375) - n * -2.12194440e-4;
  vec4 r2 = r * r;
  vec4 p = (((((r * 1.9875691500e-4 + 1.3981999507e-3) * r + 8.3334519073e-3) * r + 4.1665795894e-2) * r
      + 1.6666665459e-1) * r + 5.0000001201e-1) * r2 + r + 1.0;
  return p * intBitsToFloat((ivec4(n) + 127) << 23);
}

vec4 nn_elu(vec4 x) { return nn_exp(min(x, 0.0)) - 1.0 + max(x, 0.0); }
vec4 nn_gaussian(vec4 x) { return nn_exp(-(x * x)); }

vec4 nn_silu(vec4 x) {
  vec4 c = max(x, -87.0);
  return c / (nn_exp(-c) + 1.0);
}

vec4 nn_softplus(vec4 x) {
  vec4 u = nn_exp(-abs(x));
  vec4 log1p = (((((((u * -6.452586985e-03 + 3.608441959e-02) * u + -9.532233043e-02) * u + 1.676477194e-01) * u
      + -2.407306912e-01) * u + 3.317982373e-01) * u + -4.998740428e-01) * u + 9.999964235e-01) * u;
  return max(x, 0.0) + log1p;
}

// x = q pi + r, |r| <= pi / 2; returns r and, in sign, (-1)^q
vec4 nn_reduce(vec4 x, out vec4 sign) {
  vec4 q = floor(x * 0.318309886183790672 + 0.5);
  sign = vec4(1.0) - 2.0 * vec4(ivec4(q) & 1);
  return ((x - q * 3.140625) - q * 9.675025939941406e-04) - q * 1.5099580252808664e-07;
}

vec4 nn_sin(vec4 x) {
  if (any(greaterThan(abs(x), vec4(1e5)))) return sin(x); // beyond the reduction's range, as the CPU does
  vec4 sign;
  vec4 r = nn_reduce(x, sign);
  vec4 r2 = r * r;
  vec4 s = (((r2 * 2.600055889e-06 + -1.980661573e-04) * r2 + 8.333017299e-03) * r2 + -1.666665710e-01) * r2 * r + r;
  return s * sign;
}

vec4 nn_cos(vec4 x) {
  if (any(greaterThan(abs(x), vec4(1e5)))) return cos(x);
  vec4 sign;
  vec4 r = nn_reduce(x, sign);
  vec4 r2 = r * r;
  vec4 c = ((((r2 * -2.607710642e-07 + 2.476188633e-05) * r2 + -1.388840351e-03) * r2 + 4.166664073e-02) * r2
      + -4.999999955e-01) * r2 + 1.0;
  return c * sign;
}

// An output in [0, 1] as the 0..255 level the CPU writes: rounded to nearest, NaN and below 0 as 0.
float nn_level(float x) { return x > 0.0 ? (x >= 1.0 ? 255.0 : floor(x * 255.0 + 0.5)) : 0.0; }

// hue in turns (wrapping), saturation and value or lightness clamped to [0, 1]; HSL is HSV remapped
vec3 nn_hsv(vec3 o, bool hsl) {
  float h = o.x - floor(o.x);
  float s = clamp(o.y, 0.0, 1.0);
  float l = clamp(o.z, 0.0, 1.0);
  float v = hsl ? l + s * min(l, 1.0 - l) : l;
  float sv = hsl ? (v == 0.0 ? 0.0 : 2.0 * (1.0 - l / v)) : s;
  vec3 k = mod(vec3(5.0, 3.0, 1.0) + 6.0 * h, 6.0);
  vec3 c = v - v * sv * max(vec3(0.0), min(min(k, 4.0 - k), vec3(1.0)));
  return vec3(nn_level(c.x), nn_level(c.y), nn_level(c.z));
}

// pixel (fragCoord, origin bottom left) of an image of res pixels as the input plane's (x, y), as View does
vec2 nn_point(vec2 fragCoord, vec2 res) {
  float u = (2.0 * fragCoord.x - res.x) / res.x;
  float v = (2.0 * fragCoord.y - res.y) / res.x;
  return nn_center + nn_extent * vec2(u * nn_rotation.x - v * nn_rotation.y, u * nn_rotation.y + v * nn_rotation.x);
}

// pixel (fragCoord) as the network's (x, y, r), as PixelInputs does. A tiled view (nn_tile 1) puts the plane on
// a torus: u goes once round the ring (turned by the view's rotation), v once round the tube, and r is the
// height above the plane the torus lies on; the picture then repeats with the image's width and height.
vec3 nn_inputs(vec2 fragCoord, vec2 res) {
  if (nn_tile < 0.5) {
    vec2 p = nn_point(fragCoord, res);
    return vec3(p, sqrt(p.x * p.x + p.y * p.y));
  }
  float u = (2.0 * fragCoord.x - res.x) / res.x;
  float vt = (2.0 * fragCoord.y - res.y) / res.y;  // v times the turns per unit of v (W / H)
  float tube = nn_extent * (res.y / res.x) / 3.14159265358979324;
  float ring = nn_extent / 3.14159265358979324 + tube;
  vec4 a = vec4(3.14159265358979324 * u, 3.14159265358979324 * vt, 0.0, 0.0);
  vec4 s = nn_sin(a);
  vec4 c = nn_cos(a);
  float q = ring + tube * c.y;
  // (cos, sin) of pi u + t, t the view's rotation
  vec2 turn = vec2(c.x * nn_rotation.x - s.x * nn_rotation.y, s.x * nn_rotation.x + c.x * nn_rotation.y);
  return vec3(nn_center + q * turn, tube * (1.0 + s.y));
}
