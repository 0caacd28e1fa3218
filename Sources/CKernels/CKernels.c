#include "CKernels.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

/* Each kernel body is written once as a macro and instantiated for AVX2+FMA
   and for the baseline, so the compiler vectorises the same loop twice. */
#define MFS_AVX2 __attribute__((target("avx2,fma")))

int mfs_kernels_use_avx2(void) {
    static int state = -1;
    if (state < 0) {
        __builtin_cpu_init();
        state = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    }
    return state;
}

/* e^x for x <= 0 (softmax arguments) with about 2 ulp error: x = k ln2 + r,
   |r| <= ln2/2, and a degree-6 Taylor polynomial for e^r. */
#define EXP_NONPOSITIVE(x, result)                                              \
    do {                                                                        \
        float v_ = (x) < -87.0f ? -87.0f : (x);                                 \
        float k_ = __builtin_roundf(v_ * 1.44269504088896341f);                 \
        float r_ = v_ - k_ * 0.693145751953125f - k_ * 1.42860682030941723e-6f; \
        float p_ = 1.0f + r_ * (1.0f + r_ * (0.5f + r_ * (1.0f / 6 + r_ *       \
                   (1.0f / 24 + r_ * (1.0f / 120 + r_ * (1.0f / 720))))));      \
        int32_t bits_ = ((int32_t)k_ + 127) << 23;                              \
        float scale_;                                                           \
        memcpy(&scale_, &bits_, 4);                                             \
        (result) = p_ * scale_;                                                 \
    } while (0)

/* acos(a) for 0 <= a < 1 through asin: acos(a) = pi/2 - asin(a) for a <= 1/2,
   and 2 asin(sqrt((1 - a)/2)) above, with the asin series to z^10, z = s^2 <= 1/4. */
#define ACOS_ABS(a, result)                                                        \
    do {                                                                           \
        int big_ = (a) > 0.5f;                                                     \
        float z_ = big_ ? (1.0f - (a)) * 0.5f : (a) * (a);                         \
        float s_ = big_ ? sqrtf(z_) : (a);                                         \
        float q_ = ASIN_SERIES(z_);                                                \
        float asin_ = s_ + s_ * z_ * q_;                                           \
        (result) = big_ ? 2.0f * asin_ : 1.57079632679489662f - asin_;             \
    } while (0)

/* (asin(s) - s)/(s z) as a series in z = s^2: sum of c_n z^(n-1), with
   c_n = (2n)! / (4^n (n!)^2 (2n + 1)). */
#define ASIN_SERIES(z)                                                              \
    (0.16666666666666666f + (z) * (0.075f + (z) * (0.044642857142857144f + (z) *     \
     (0.030381944444444444f + (z) * (0.022372159090909092f + (z) *                  \
     (0.017352764423076924f + (z) * (0.01396484375f + (z) *                         \
     (0.011551800896139705f + (z) * (0.009761609529194078f + (z) *                  \
     0.008390335809616815f)))))))))

#define DEFINE_SIN_UNIT(suffix, attr)                                          \
    attr static void sin_unit_##suffix(float *x, size_t n) {                   \
        for (size_t i = 0; i < n; i++) {                                       \
            float v = x[i], v2 = v * v;                                        \
            x[i] = v * (1.0f + v2 * (-1.0f / 6 + v2 * (1.0f / 120 + v2 *       \
                   (-1.0f / 5040 + v2 * (1.0f / 362880 + v2 * (-1.0f / 39916800))))));\
        }                                                                      \
    }

#define DEFINE_SINCOS_UNIT(suffix, attr)                                       \
    attr static void sincos_unit_##suffix(float *x, float *c, size_t n) {      \
        for (size_t i = 0; i < n; i++) {                                       \
            float v = x[i], v2 = v * v;                                        \
            x[i] = v * (1.0f + v2 * (-1.0f / 6 + v2 * (1.0f / 120 + v2 *       \
                   (-1.0f / 5040 + v2 * (1.0f / 362880 + v2 * (-1.0f / 39916800))))));\
            c[i] = 1.0f + v2 * (-0.5f + v2 * (1.0f / 24 + v2 * (-1.0f / 720 +  \
                   v2 * (1.0f / 40320 + v2 * (-1.0f / 3628800 + v2 * (1.0f / 479001600))))));\
        }                                                                      \
    }

#define DEFINE_SUB_SCALED_ACOS(suffix, attr)                                          \
    attr static void sub_scaled_acos_##suffix(float *map, const float *cosine, size_t n, \
                                              float weight, float bound) {             \
        for (size_t i = 0; i < n; i++) {                                              \
            float c = cosine[i];                                                      \
            c = c < -bound ? -bound : (c > bound ? bound : c);                        \
            float a = c < 0 ? -c : c, r;                                              \
            ACOS_ABS(a, r);                                                           \
            map[i] -= weight * (c < 0 ? 3.14159265358979324f - r : r);                \
        }                                                                             \
    }

#define DEFINE_ACOS_BACKWARD(suffix, attr)                                            \
    attr static double acos_backward_##suffix(const float *dmap, float *cosine, size_t n, \
                                              float weight, float bound) {            \
        float total = 0;                                                              \
        for (size_t i = 0; i < n; i++) {                                              \
            float raw = cosine[i];                                                    \
            float c = raw < -bound ? -bound : (raw > bound ? bound : raw);            \
            float a = c < 0 ? -c : c, r;                                              \
            ACOS_ABS(a, r);                                                           \
            total -= dmap[i] * (c < 0 ? 3.14159265358979324f - r : r);               \
            float inside = (raw >= -bound && raw <= bound) ? 1.0f : 0.0f;             \
            cosine[i] = dmap[i] * weight * inside / sqrtf(1.0f - c * c);              \
        }                                                                             \
        return total;                                                                 \
    }

#define DEFINE_SOFTMAX_ROWS(suffix, attr)                                             \
    attr static void softmax_rows_##suffix(float *map, size_t rows, size_t t, int causal) { \
        for (size_t i = 0; i < rows; i++) {                                           \
            float *row = map + i * t;                                                 \
            size_t width = causal ? (i % t) + 1 : t;                                  \
            float peak = -INFINITY;                                                   \
            for (size_t j = 0; j < width; j++) peak = row[j] > peak ? row[j] : peak;   \
            if (peak == -INFINITY) peak = 0;                                          \
            float total = 0;                                                          \
            for (size_t j = 0; j < width; j++) {                                      \
                float e;                                                              \
                EXP_NONPOSITIVE(row[j] - peak, e);                                    \
                row[j] = e;                                                           \
                total += e;                                                           \
            }                                                                         \
            float inverse = 1.0f / total;                                             \
            for (size_t j = 0; j < width; j++) row[j] *= inverse;                      \
            for (size_t j = width; j < t; j++) row[j] = 0;                            \
        }                                                                             \
    }

/* GELU in single precision: erf from erff keeps PyTorch's exact form. */
#define DEFINE_GELU(suffix, attr)                                                     \
    attr static void gelu_##suffix(const float *x, float *out, float *grad, size_t n) { \
        for (size_t i = 0; i < n; i++) {                                              \
            float v = x[i];                                                           \
            float cdf = 0.5f * (1.0f + erff(v * 0.70710678118654752f));               \
            out[i] = v * cdf;                                                         \
            if (grad) grad[i] = cdf + v * 0.39894228040143268f * expf(-0.5f * v * v); \
        }                                                                             \
    }

#define DEFINE_ALL(suffix, attr)       \
    DEFINE_SIN_UNIT(suffix, attr)      \
    DEFINE_SINCOS_UNIT(suffix, attr)   \
    DEFINE_SUB_SCALED_ACOS(suffix, attr) \
    DEFINE_ACOS_BACKWARD(suffix, attr) \
    DEFINE_SOFTMAX_ROWS(suffix, attr)  \
    DEFINE_GELU(suffix, attr)

DEFINE_ALL(portable, )
DEFINE_ALL(avx2, MFS_AVX2)

#define DISPATCH(name, ...) \
    (mfs_kernels_use_avx2() ? name##_avx2(__VA_ARGS__) : name##_portable(__VA_ARGS__))

void mfs_sin_unit(float *x, size_t n) { DISPATCH(sin_unit, x, n); }
void mfs_sincos_unit(float *x, float *c, size_t n) { DISPATCH(sincos_unit, x, c, n); }
void mfs_sub_scaled_acos(float *map, const float *cosine, size_t n, float weight, float bound) {
    DISPATCH(sub_scaled_acos, map, cosine, n, weight, bound);
}
double mfs_acos_backward(const float *dmap, float *cosine, size_t n, float weight, float bound) {
    return DISPATCH(acos_backward, dmap, cosine, n, weight, bound);
}
void mfs_softmax_rows(float *map, size_t rows, size_t t, int causal) {
    DISPATCH(softmax_rows, map, rows, t, causal);
}
void mfs_gelu(const float *x, float *out, float *grad, size_t n) { DISPATCH(gelu, x, out, grad, n); }
