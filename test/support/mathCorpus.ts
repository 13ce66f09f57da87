// Formulas that exercise what an answer's math uses (fractions, matrices, big operators with
// limits, text, accents, fonts, delimiters, arrows, environments, macros) and what the panel's
// options refuse or bound (trust: false, maxSize, maxExpand, parse errors). The MathML each gives
// is kept in test/fixtures/math/mathml-snapshot.json, taken from dist/math.js as it was built
// from KaTeX's published bundle (katex.mjs) before math.js was built from KaTeX's source
// (scripts/mathBuild.mjs); test/unit/build/mathBundle.test.ts compares the bundle to it.

export interface MathCase {
  tex: string;
  display: boolean;
}

const inline = [
  'x^2 + y^2 = z^2',
  'e^{i\\pi} + 1 = 0',
  '\\frac{a}{b} + \\tfrac12 - \\dfrac{\\partial f}{\\partial x}',
  '\\binom{n}{k} = \\frac{n!}{k!(n-k)!}',
  '\\sqrt{2} \\sqrt[3]{x+1}',
  '\\alpha\\beta\\gamma\\Delta\\Omega\\varepsilon\\vartheta',
  'a \\le b \\ge c \\ne d \\approx e \\equiv f \\sim g \\propto h',
  '\\hat{x} \\bar{y} \\vec{v} \\dot{a} \\ddot{b} \\tilde{n} \\widehat{abc} \\widetilde{xyz} \\acute{e} \\grave{a} \\breve{u} \\check{c} \\mathring{A}',
  '\\overline{AB} \\underline{CD} \\overrightarrow{PQ} \\overleftarrow{RS}',
  '\\mathbb{R} \\mathbb{N} \\mathcal{L} \\mathfrak{g} \\mathscr{H} \\mathrm{d}x \\mathbf{v} \\mathit{if} \\mathsf{S} \\mathtt{T} \\boldsymbol{\\mu} \\bm{x}',
  '\\text{if } x > 0 \\text{ and } \\textbf{bold} \\textit{it} \\texttt{mono} \\textrm{roman}',
  '\\operatorname{argmax}_x f(x) \\quad \\sin\\theta \\cos\\phi \\log_2 n \\ln x \\exp y \\det A \\max_i',
  '\\lim_{n \\to \\infty} a_n \\quad \\sum_{i=1}^{n} i \\quad \\prod_{k} k \\quad \\int_0^1 f \\quad \\oint_C \\quad \\iint \\iiint',
  '\\left( \\frac{a}{b} \\right) \\left[ x \\right] \\left\\{ y \\right\\} \\left| z \\right| \\left\\langle u \\right\\rangle \\left. w \\right\\rfloor',
  '\\big( \\Big[ \\bigg\\{ \\Bigg| x',
  '\\xrightarrow{f} \\xleftarrow[a]{b} \\to \\mapsto \\Rightarrow \\iff \\hookrightarrow \\longrightarrow',
  '\\color{red}{x} + \\textcolor{blue}{y} + \\colorbox{yellow}{z} + \\fcolorbox{red}{white}{w} + {\\color{#0f0} g}',
  '\\href{https://example.com}{link} \\url{https://example.com}',
  '\\includegraphics[height=1em]{https://example.com/a.png}',
  '\\htmlClass{x}{a} \\htmlId{y}{b} \\htmlStyle{color:red}{c} \\htmlData{k=v}{d}',
  '\\rule{100em}{100em} \\kern{50em} \\hspace{20em} \\rule{1em}{2pt} \\kern1em \\hspace{0.5em} \\,\\:\\;\\!\\quad\\qquad',
  '\\boxed{E = mc^2} \\cancel{x} \\bcancel{y} \\xcancel{z} \\sout{s} \\not= \\not\\in',
  '\\overbrace{a+b}^{n} \\underbrace{c+d}_{m} \\overset{!}{=} \\underset{x}{\\arg\\min} \\stackrel{?}{=}',
  '\\phantom{x} \\hphantom{y} \\vphantom{z} \\smash{q} \\mathllap{a} \\mathrlap{b} \\mathclap{c}',
  '\\LaTeX \\TeX \\KaTeX',
  '\\def\\R{\\mathbb{R}} f: \\R \\to \\R',
  '\\newcommand{\\abs}[1]{\\left|#1\\right|} \\abs{x}',
  '\\def\\a{\\a\\a} \\a',
  '\\frac{a',
  '\\unknowncommand{x}',
  'x^{2^{2^{2}}} a_{i_{j_{k}}} {}_nC_r x\'\' f^{\\prime}',
  '\\displaystyle\\sum_{i} \\textstyle\\sum_{i} \\scriptstyle x \\scriptscriptstyle y',
  '\\tiny a \\small b \\normalsize c \\large d \\Huge e',
  '\\infty \\nabla \\partial \\forall \\exists \\emptyset \\in \\notin \\subset \\supseteq \\cup \\cap \\wedge \\vee \\neg \\cdot \\times \\div \\pm \\mp',
  '\\ldots \\cdots \\vdots \\ddots \\dots',
  '\\mathop{\\rm sgn} x \\mathrel{R} \\mathbin{\\star} \\mathopen{(} \\mathclose{)} \\mathpunct{,} \\mathord{+}',
  '\\char"41 \\pmb{x} \\raisebox{0.5em}{r} \\mathchoice{D}{T}{S}{SS} \\verb|x^2|',
  '中文 \\text{数学 日本語} café ñ ü',
  '\\ce{H2O}',
  '12{,}345.67 + 3.14 a.b',
  '\\cfrac{1}{1+\\cfrac{1}{2}} \\genfrac(]{0pt}{2}{a}{b}',
  'a \\over b',
  'n \\choose k',
];

const display = [
  '\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix} \\begin{bmatrix} 1 & 0 \\\\ 0 & 1 \\end{bmatrix} \\begin{vmatrix} x \\end{vmatrix} \\begin{Bmatrix} y \\end{Bmatrix} \\begin{Vmatrix} z \\end{Vmatrix} \\begin{matrix} p & q \\end{matrix}',
  '\\begin{array}{c|l:r} 1 & 2 & 3 \\\\ \\hline 4 & 5 & 6 \\\\ \\hdashline 7 & 8 & 9 \\end{array}',
  '\\begin{aligned} f(x) &= (x+1)^2 \\\\ &= x^2 + 2x + 1 \\end{aligned}',
  '\\begin{cases} 1 & x > 0 \\\\ 0 & \\text{otherwise} \\end{cases} \\begin{dcases} a \\end{dcases} \\begin{rcases} b \\end{rcases}',
  '\\begin{align} a &= b \\tag{1} \\\\ c &= d \\end{align}',
  '\\begin{gather} x \\\\ y \\notag \\end{gather} \\begin{equation} E = mc^2 \\label{eq} \\end{equation}',
  '\\begin{alignedat}{2} a &= b & c &= d \\end{alignedat} \\begin{gathered} p \\\\ q \\end{gathered} \\begin{split} a &= b \\end{split}',
  '\\begin{smallmatrix} a & b \\\\ c & d \\end{smallmatrix} \\begin{subarray}{l} i \\\\ j \\end{subarray}',
  '\\begin{CD} A @>a>> B \\\\ @VbVV @AAcA \\\\ C @= D \\end{CD}',
  '\\sum_{i=1}^{\\infty} \\frac{1}{i^2} = \\frac{\\pi^2}{6} \\qquad \\int_{-\\infty}^{\\infty} e^{-x^2} \\, dx = \\sqrt{\\pi}',
  '\\lim_{x \\to 0} \\frac{\\sin x}{x} = 1 \\qquad \\bigcup_{i \\in I} A_i \\quad \\bigoplus_{k} V_k \\quad \\coprod',
  'f(x) = \\left\\{ \\begin{array}{ll} x^2 & x \\ge 0 \\\\ -x & x < 0 \\end{array} \\right.',
  '\\mathbf{A}\\mathbf{x} = \\mathbf{b}, \\quad \\|\\mathbf{x}\\|_2 = \\sqrt{\\sum_i x_i^2}',
  'P(A \\mid B) = \\frac{P(B \\mid A)\\,P(A)}{P(B)}',
  '\\nabla \\times \\vec{E} = -\\frac{\\partial \\vec{B}}{\\partial t} \\tag*{(Faraday)}',
  '\\operatorname*{arg\\,max}_{\\theta} \\; \\log p(x \\mid \\theta) \\quad \\sideset{}{\'}\\sum_{n}',
  '\\frac{a}{b',
  '\\begin{pmatrix} a & b',
  '\\xrightarrow[\\text{below}]{\\text{above}} \\xLeftarrow{x} \\xtwoheadrightarrow{y} \\xhookleftarrow{z}',
  '\\underbrace{1 + 2 + \\cdots + n}_{n \\text{ terms}} = \\frac{n(n+1)}{2}',
  '\\sqrt{\\frac{a}{b}} \\sqrt{\\sqrt{\\sqrt{x}}} \\left( \\left( \\left( x \\right) \\right) \\right)',
];

export const MATH_CASES: MathCase[] = [
  ...inline.map((tex) => ({ tex, display: false })),
  ...display.map((tex) => ({ tex, display: true })),
  // A few the other way round: display style changes limits, fractions and operator sizes.
  ...['\\sum_{i=1}^n i', '\\frac{1}{2}', '\\int_a^b', '\\lim_{x\\to 0}', '\\begin{pmatrix} 1 \\end{pmatrix}'].map((tex) => ({ tex, display: true })),
  ...['\\begin{aligned} a &= b \\end{aligned}', '\\begin{cases} 1 \\end{cases}'].map((tex) => ({ tex, display: false })),
];
